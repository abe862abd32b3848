package io.chaoslab.notification;

import static io.chaoslab.common.testing.BadRequest.call;
import static io.chaoslab.common.testing.BadRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.common.config.Env;
import io.chaoslab.common.http.ShopServer;
import io.chaoslab.common.testing.BadRequest;
import io.chaoslab.common.testing.TestHttp;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input on every endpoint: a 4xx JSON error, never a 500 or a stack trace, nothing kept. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {
  private static final String PATH = "/notifications";
  private static final String VALID_START = "{\"id\":\"n-1\",\"orderId\":\"o-1\",";
  private static ShopServer server;
  private static String base;

  @BeforeAll
  static void start() {
    server = NotificationService.start(Env.of(Map.of("PORT", "0", "SHUTDOWN_DRAIN_MS", "0")));
    base = "http://localhost:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static BadRequest bad(String name, String body) {
    return post(name, PATH, body, 400, "INVALID_REQUEST");
  }

  private static BadRequest malformed(String name, String body) {
    return post(name, PATH, body, 400, "MALFORMED_JSON");
  }

  static Stream<BadRequest> badRequests() {
    BadRequest valid =
        post(
                "valid body, wrong Content-Type",
                PATH,
                VALID_START + "\"customerEmail\":\"a@b.io\"}",
                415,
                "UNSUPPORTED_MEDIA_TYPE")
            .withContentType("text/plain");
    return Stream.of(
        malformed("malformed JSON", "{\"id\": "),
        malformed("empty body", ""),
        malformed("trailing garbage", VALID_START + "\"customerEmail\":\"a@b.io\"} {}"),
        bad("JSON array", "[]"),
        bad("JSON number", "42"),
        malformed("duplicate field", VALID_START + "\"id\":\"n-2\",\"customerEmail\":\"a@b.io\"}"),
        bad("missing everything", "{}"),
        bad("missing e-mail", VALID_START.replaceAll(",$", "}")),
        bad("id a number", "{\"id\":1,\"orderId\":\"o-1\",\"customerEmail\":\"a@b.io\"}"),
        bad(
            "id too long",
            "{\"id\":\"" + "n".repeat(65) + "\",\"orderId\":\"o-1\",\"customerEmail\":\"a@b.io\"}"),
        bad("id empty", "{\"id\":\"\",\"orderId\":\"o-1\",\"customerEmail\":\"a@b.io\"}"),
        bad("id with a space", "{\"id\":\"n 1\",\"orderId\":\"o-1\",\"customerEmail\":\"a@b.io\"}"),
        bad("orderId an object", "{\"id\":\"n-1\",\"orderId\":{},\"customerEmail\":\"a@b.io\"}"),
        bad("bad e-mail", VALID_START + "\"customerEmail\":\"not-an-address\"}"),
        bad("e-mail too long", VALID_START + "\"customerEmail\":\"" + "a".repeat(250) + "@b.io\"}"),
        bad("e-mail a number", VALID_START + "\"customerEmail\":7}"),
        bad("message not a string", VALID_START + "\"customerEmail\":\"a@b.io\",\"message\":[1]}"),
        bad(
            "message too long",
            VALID_START + "\"customerEmail\":\"a@b.io\",\"message\":\"" + "m".repeat(1001) + "\"}"),
        valid,
        valid.withContentType(null).withHugeHeader("no Content-Type but a huge header"),
        post(
            "body over 64 KiB",
            PATH,
            VALID_START + "\"customerEmail\":\"a@b.io\",\"pad\":\"" + "x".repeat(70_000) + "\"}",
            413,
            "PAYLOAD_TOO_LARGE"),
        call("header over 8 KiB", "GET", PATH, 431, null).withHugeHeader("header over 8 KiB"),
        call("limit 0", "GET", PATH + "?limit=0", 400, "INVALID_REQUEST"),
        call("limit not a number", "GET", PATH + "?limit=abc", 400, "INVALID_REQUEST"),
        call("limit too big", "GET", PATH + "?limit=5000", 400, "INVALID_REQUEST"),
        call("limit negative", "GET", PATH + "?limit=-1", 400, "INVALID_REQUEST"),
        call("id with a quote", "GET", PATH + "/n%27", 400, "INVALID_REQUEST"),
        call("id too long", "GET", PATH + "/" + "n".repeat(65), 400, "INVALID_REQUEST"),
        call("unknown path", "GET", "/emails", 404, "NOT_FOUND"),
        call("delete all", "DELETE", PATH, 405, "METHOD_NOT_ALLOWED"),
        call("replace one", "PUT", PATH + "/n-1", 405, "METHOD_NOT_ALLOWED"));
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void answersA4xxJsonError(BadRequest request) {
    request.check(base);
  }

  @Order(2)
  @Test
  void nothingWasDelivered() {
    assertThat(TestHttp.get(base + PATH).json()).isEmpty();
    assertThat(TestHttp.get(base + "/metrics").body())
        .contains("notification_deliveries_total{result=\"delivered\"} 0.0");
  }
}
