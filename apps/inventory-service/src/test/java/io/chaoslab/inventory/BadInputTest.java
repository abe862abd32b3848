package io.chaoslab.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.common.testing.BadRequest;
import io.chaoslab.common.testing.TestHttp;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input on every endpoint: a 4xx JSON error, never a 500 or a stack trace, nothing moved. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {
  private static final String VALID = "{\"orderId\":\"o-1\",\"productId\":\"keyboard\",";
  private static RunningInventory inventory;
  private static JsonNode productsBefore;

  @BeforeAll
  static void start() {
    inventory = RunningInventory.start();
    productsBefore = TestHttp.get(inventory.url("/products")).json();
  }

  @AfterAll
  static void stop() {
    inventory.close();
  }

  private static BadRequest post(String name, String body, int status, String code) {
    return BadRequest.post(name, "/reservations", body, status, code);
  }

  private static BadRequest call(String name, String method, String path, int status, String code) {
    return BadRequest.call(name, method, path, status, code);
  }

  static Stream<BadRequest> badRequests() {
    return Stream.of(
        post("malformed JSON", "{\"orderId\": ", 400, "MALFORMED_JSON"),
        post("not JSON at all", "orderId=o-1", 400, "MALFORMED_JSON"),
        post("empty body", "", 400, "MALFORMED_JSON"),
        post("JSON array", "[{\"orderId\":\"o-1\"}]", 400, "INVALID_REQUEST"),
        post("JSON string", "\"reserve\"", 400, "INVALID_REQUEST"),
        post("JSON null", "null", 400, "INVALID_REQUEST"),
        post("trailing garbage", VALID + "\"quantity\":1} {}", 400, "MALFORMED_JSON"),
        post("duplicate field", VALID + "\"quantity\":1,\"quantity\":2}", 400, "MALFORMED_JSON"),
        post("empty object", "{}", 400, "INVALID_REQUEST"),
        post(
            "missing orderId",
            "{\"productId\":\"keyboard\",\"quantity\":1}",
            400,
            "INVALID_REQUEST"),
        post("missing productId", "{\"orderId\":\"o-1\",\"quantity\":1}", 400, "INVALID_REQUEST"),
        post("missing quantity", VALID.replaceAll(",$", "}"), 400, "INVALID_REQUEST"),
        post("quantity as string", VALID + "\"quantity\":\"1\"}", 400, "INVALID_REQUEST"),
        post("quantity 1.5", VALID + "\"quantity\":1.5}", 400, "INVALID_REQUEST"),
        post("quantity 1.0", VALID + "\"quantity\":1.0}", 400, "INVALID_REQUEST"),
        post("quantity 0", VALID + "\"quantity\":0}", 400, "INVALID_REQUEST"),
        post("quantity -1", VALID + "\"quantity\":-1}", 400, "INVALID_REQUEST"),
        post("quantity 1001", VALID + "\"quantity\":1001}", 400, "INVALID_REQUEST"),
        post(
            "quantity beyond long",
            VALID + "\"quantity\":99999999999999999999}",
            400,
            "INVALID_REQUEST"),
        post("quantity null", VALID + "\"quantity\":null}", 400, "INVALID_REQUEST"),
        post("quantity true", VALID + "\"quantity\":true}", 400, "INVALID_REQUEST"),
        post(
            "productId a number",
            "{\"orderId\":\"o-1\",\"productId\":42,\"quantity\":1}",
            400,
            "INVALID_REQUEST"),
        post(
            "productId an object",
            "{\"orderId\":\"o-1\",\"productId\":{\"id\":\"keyboard\"},\"quantity\":1}",
            400,
            "INVALID_REQUEST"),
        post(
            "productId too long",
            "{\"orderId\":\"o-1\",\"productId\":\"" + "k".repeat(65) + "\",\"quantity\":1}",
            400,
            "INVALID_REQUEST"),
        post(
            "productId empty",
            "{\"orderId\":\"o-1\",\"productId\":\"\",\"quantity\":1}",
            400,
            "INVALID_REQUEST"),
        post(
            "productId illegal characters",
            "{\"orderId\":\"o-1\",\"productId\":\"key board'; drop table products\",\"quantity\":1}",
            400,
            "INVALID_REQUEST"),
        post(
            "productId path traversal",
            "{\"orderId\":\"o-1\",\"productId\":\"../keyboard\",\"quantity\":1}",
            400,
            "INVALID_REQUEST"),
        post(
            "orderId not a string",
            "{\"orderId\":[1],\"productId\":\"keyboard\",\"quantity\":1}",
            400,
            "INVALID_REQUEST"),
        post(
            "orderId with a newline",
            "{\"orderId\":\"o-1\\n\",\"productId\":\"keyboard\",\"quantity\":1}",
            400,
            "INVALID_REQUEST"),
        new BadRequest(
            "wrong Content-Type",
            "POST",
            "/reservations",
            "text/plain",
            VALID + "\"quantity\":1}",
            null,
            415,
            "UNSUPPORTED_MEDIA_TYPE"),
        new BadRequest(
            "no Content-Type",
            "POST",
            "/reservations",
            null,
            VALID + "\"quantity\":1}",
            null,
            415,
            "UNSUPPORTED_MEDIA_TYPE"),
        post(
            "body over 64 KiB",
            VALID + "\"quantity\":1,\"pad\":\"" + "x".repeat(70_000) + "\"}",
            413,
            "PAYLOAD_TOO_LARGE"),
        new BadRequest(
            "header over 8 KiB",
            "GET",
            "/products",
            null,
            null,
            "y".repeat(9000),
            431,
            "REQUEST_HEADER_FIELDS_TOO_LARGE"),
        new BadRequest(
            "header over 8 KiB on a reservation",
            "POST",
            "/reservations",
            "application/json",
            VALID + "\"quantity\":1}",
            "y".repeat(9000),
            431,
            "REQUEST_HEADER_FIELDS_TOO_LARGE"),
        call("product id with a space", "GET", "/products/key%20board", 400, "INVALID_REQUEST"),
        call("product id too long", "GET", "/products/" + "k".repeat(65), 400, "INVALID_REQUEST"),
        call("product id non-ASCII", "GET", "/products/cl%C3%A9", 400, "INVALID_REQUEST"),
        call("product id starting with a dot", "GET", "/products/.env", 400, "INVALID_REQUEST"),
        call("order id with a quote", "GET", "/reservations/o%27-1", 400, "INVALID_REQUEST"),
        call("release with a bad id", "DELETE", "/reservations/o%20-1", 400, "INVALID_REQUEST"),
        call("release with a long id", "DELETE", "/reservations/" + "o".repeat(65), 400, null),
        call("unknown path", "GET", "/nope", 404, "NOT_FOUND"),
        call("unknown nested path", "GET", "/products/keyboard/stock", 404, "NOT_FOUND"),
        call("release all reservations", "DELETE", "/reservations", 405, "METHOD_NOT_ALLOWED"),
        call("create a product", "POST", "/products", 405, "METHOD_NOT_ALLOWED"),
        call("delete a product", "DELETE", "/products/keyboard", 405, "METHOD_NOT_ALLOWED"),
        call("replace a reservation", "PUT", "/reservations/o-1", 405, "METHOD_NOT_ALLOWED"),
        call("patch products", "PATCH", "/products", 405, "METHOD_NOT_ALLOWED"));
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void answersA4xxJsonError(BadRequest request) {
    request.check(inventory.url(""));
  }

  @Order(2)
  @Test
  void nothingMoved() throws SQLException {
    assertThat(TestHttp.get(inventory.url("/products")).json()).isEqualTo(productsBefore);
    assertThat(inventory.count("SELECT count(*) FROM inventory.reservations")).isZero();
    assertThat(inventory.unbalancedProducts()).isEmpty();
  }
}
