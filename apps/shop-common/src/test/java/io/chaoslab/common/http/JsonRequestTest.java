package io.chaoslab.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoslab.common.shop.OrderFields;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRequestTest {

  private static JsonRequest parse(String json) {
    return JsonRequest.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{\"a\":1}}", "{\"a\":1,\"a\":2}", "nul", "{'a':1}"})
  void malformedJsonIs400(String body) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("MALFORMED_JSON");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "1", "\"x\"", "null"})
  void nonObjectsAreRejected(String body) {
    assertThatThrownBy(() -> parse(body)).isInstanceOf(ApiException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"quantity\":\"1\"}|quantity must be an integer",
        "{\"quantity\":1.5}|quantity must be an integer",
        "{\"quantity\":1.0}|quantity must be an integer",
        "{\"quantity\":true}|quantity must be an integer",
        "{\"quantity\":0}|quantity must be between 1 and 1000",
        "{\"quantity\":-1}|quantity must be between 1 and 1000",
        "{\"quantity\":1001}|quantity must be between 1 and 1000",
        "{\"quantity\":99999999999999999999999}|quantity must be between 1 and 1000",
        "{}|quantity is required",
        "{\"quantity\":null}|quantity is required"
      })
  void quantitiesAreNeverCoerced(String body, String problem) {
    JsonRequest request = parse(body);
    OrderFields.quantity(request);
    assertThatThrownBy(request::validate).hasMessage(problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "{}", "\"\"", "\"has space\"", "\"-leading\"", "\"ü\""})
  void idsMustBeShortAndUrlSafe(String id) {
    JsonRequest request = parse("{\"productId\":" + id + "}");
    OrderFields.id(request, "productId");
    assertThatThrownBy(request::validate).isInstanceOf(ApiException.class);
  }

  @org.junit.jupiter.api.Test
  void everyProblemIsReportedAtOnce() {
    JsonRequest request = parse("{\"productId\":7,\"quantity\":\"2\"}");
    OrderFields.id(request, "productId");
    OrderFields.quantity(request);
    OrderFields.email(request, "customerEmail");
    assertThatThrownBy(request::validate)
        .hasMessage(
            "productId must be a string; quantity must be an integer; customerEmail is required");
  }

  @org.junit.jupiter.api.Test
  void validFieldsAreRead() {
    JsonRequest request =
        parse("{\"productId\":\"sku-1\",\"quantity\":3,\"customerEmail\":\"a@b.io\",\"extra\":1}");
    assertThat(OrderFields.id(request, "productId")).isEqualTo("sku-1");
    assertThat(OrderFields.quantity(request)).isEqualTo(3);
    assertThat(OrderFields.email(request, "customerEmail")).isEqualTo("a@b.io");
    request.validate();
  }
}
