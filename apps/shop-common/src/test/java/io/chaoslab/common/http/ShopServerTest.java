package io.chaoslab.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.common.health.HealthCheck;
import io.chaoslab.common.metrics.ShopMetrics;
import io.chaoslab.common.testing.TestHttp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopServerTest {
  private static final Pattern ANY = Pattern.compile(".*", Pattern.DOTALL);
  private static final AtomicBoolean DEPENDENCY_UP = new AtomicBoolean(true);
  private static ShopServer server;
  private static String base;

  @BeforeAll
  static void start() {
    server =
        ShopServer.builder("test", new ShopMetrics())
            .readinessCheck(
                HealthCheck.of(
                    "thing",
                    () -> {
                      if (!DEPENDENCY_UP.get()) {
                        throw new IllegalStateException("thing is down");
                      }
                    }))
            .routes(
                r -> {
                  r.post("/echo", ctx -> ctx.json(JsonRequest.of(ctx).toString()));
                  r.post(
                      "/text",
                      ctx -> {
                        JsonRequest body = JsonRequest.of(ctx);
                        String text = body.string("text", 100_000, ANY, "any text");
                        body.validate();
                        ctx.json(Map.of("text", text));
                      });
                  r.get(
                      "/boom",
                      ctx -> {
                        throw new IllegalStateException("secret internals");
                      });
                  r.get(
                      "/teapot",
                      ctx -> {
                        throw new ApiException(418, "TEAPOT", "short and stout");
                      });
                })
            .start();
    base = "http://localhost:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void healthAndMetricsAnswer() {
    assertThat(TestHttp.get(base + "/health").json().get("status").asText()).isEqualTo("UP");
    TestHttp.get(base + "/health");
    String metrics = TestHttp.get(base + "/metrics").body();
    assertThat(metrics)
        .hasSizeGreaterThan(10_000) // copied out in many rounds of the response buffer
        .endsWith("\n")
        .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/health\"")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void readinessNamesTheDependencyThatIsDown() {
    assertThat(TestHttp.get(base + "/ready").status()).isEqualTo(200);
    DEPENDENCY_UP.set(false);
    try {
      TestHttp.Response ready = TestHttp.get(base + "/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().at("/checks/thing/status").asText()).isEqualTo("DOWN");
      assertThat(ready.json().at("/checks/thing/message").asText()).isEqualTo("thing is down");
    } finally {
      DEPENDENCY_UP.set(true);
    }
  }

  @Test
  void apiExceptionsAndUnexpectedErrorsAreJsonWithoutStackTraces() {
    TestHttp.Response teapot = TestHttp.get(base + "/teapot");
    assertThat(teapot.status()).isEqualTo(418);
    assertThat(teapot.json().get("error").asText()).isEqualTo("TEAPOT");

    TestHttp.Response boom = TestHttp.get(base + "/boom");
    assertThat(boom.status()).isEqualTo(500);
    assertThat(boom.json().get("error").asText()).isEqualTo("INTERNAL_ERROR");
    assertThat(boom.body()).doesNotContain("secret internals").doesNotContain("Exception");
  }

  @Test
  void routingErrorsAreJson() {
    assertError(TestHttp.get(base + "/nope"), 404, "NOT_FOUND");
    assertError(TestHttp.delete(base + "/health"), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void oversizedBodyIs413Json() {
    assertError(
        TestHttp.postJson(base + "/echo", "{\"a\":\"" + "x".repeat(70_000) + "\"}"),
        413,
        "PAYLOAD_TOO_LARGE");
  }

  /**
   * A body with a Content-Length is read by the service, a chunked one by Javalin: both whole, both
   * under the same limit. The answers are larger than the buffer responses are copied through.
   */
  @Test
  void bodiesAreReadWholeWithOrWithoutContentLengthAndUnderTheSameLimit() {
    String text = "ü" + "x".repeat(20_000) + "ß";
    String json = "{\"text\":\"" + text + "\"}";
    for (boolean chunked : List.of(false, true)) {
      TestHttp.Response answer = TestHttp.send(post("/text", json, chunked));
      assertThat(answer.status()).as("chunked: %s", chunked).isEqualTo(200);
      assertThat(answer.json().get("text").asText()).as("chunked: %s", chunked).isEqualTo(text);

      String tooLarge = "{\"text\":\"" + "x".repeat(JsonRequest.MAX_BYTES) + "\"}";
      assertError(TestHttp.send(post("/text", tooLarge, chunked)), 413, "PAYLOAD_TOO_LARGE");
    }
  }

  private HttpRequest.Builder post(String path, String json, boolean chunked) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(
            chunked // no length known up front: sent chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes));
  }

  @Test
  void oversizedHeaderIsAnsweredByJettyAsJson() {
    TestHttp.Response response =
        TestHttp.send(
            HttpRequest.newBuilder(URI.create(base + "/health"))
                .header("X-Big", "y".repeat(9000))
                .header("Accept", "text/html"));
    assertError(response, 431, "REQUEST_HEADER_FIELDS_TOO_LARGE");
  }

  private static void assertError(TestHttp.Response response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.json().get("error").asText()).isEqualTo(code);
    assertThat(response.json().get("message").asText()).isNotBlank();
  }

  @Test
  void stopTurnsReadinessOffThenFinishesInFlightRequests() throws Exception {
    CountDownLatch entered = new CountDownLatch(3);
    ShopServer slow =
        ShopServer.builder("slow", new ShopMetrics())
            .shutdown(new ShutdownSettings(Duration.ofMillis(600), Duration.ofSeconds(10)))
            .routes(
                r ->
                    r.get(
                        "/slow",
                        ctx -> {
                          entered.countDown();
                          Thread.sleep(1500);
                          ctx.result("done");
                        }))
            .start();
    int port = slow.port();
    String url = "http://localhost:" + port;
    List<CompletableFuture<TestHttp.Response>> inFlight = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inFlight.add(CompletableFuture.supplyAsync(() -> TestHttp.get(url + "/slow")));
    }
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(slow::stop);
    Thread.sleep(200); // inside the drain delay: still serving, but not ready
    TestHttp.Response ready = TestHttp.get(url + "/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().at("/checks/shutdown/status").asText()).isEqualTo("DOWN");

    for (CompletableFuture<TestHttp.Response> request : inFlight) {
      TestHttp.Response response = request.get(10, TimeUnit.SECONDS);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("done");
    }
    stopping.get(10, TimeUnit.SECONDS);
    try (java.net.Socket socket = new java.net.Socket()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> socket.connect(new java.net.InetSocketAddress("localhost", port), 500))
          .isInstanceOf(java.io.IOException.class);
    }
  }
}
