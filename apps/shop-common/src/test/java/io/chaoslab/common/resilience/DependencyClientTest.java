package io.chaoslab.common.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.chaoslab.common.http.DependencyUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DependencyClientTest {
  private final AtomicInteger calls = new AtomicInteger();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private volatile IntUnaryOperator statusForCall = n -> 200;
  private volatile long delayMillis;
  private volatile String answer = "{\"ok\":true}";
  private HttpServer stub;

  @BeforeEach
  void startStub() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    stub.createContext(
        "/",
        exchange -> {
          int call = calls.incrementAndGet();
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          int status = statusForCall.applyAsInt(call);
          if (status == 204) {
            exchange.sendResponseHeaders(204, -1); // no body at all
          } else {
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    stub.start();
  }

  @AfterEach
  void stopStub() {
    stub.stop(0);
  }

  private DependencyClient client(ResilienceSettings settings) {
    return new DependencyClient(
        "stock", URI.create("http://127.0.0.1:" + stub.getAddress().getPort()), settings, registry);
  }

  private double gauge() {
    return registry.get("resilience.circuit.state").tag("target", "stock").gauge().value();
  }

  @Test
  void anAnswerWithoutABodyHasANullBody() {
    statusForCall = n -> 204;
    DependencyClient client =
        client(
            new ResilienceSettings(
                Duration.ofSeconds(1), 2, Duration.ofMillis(100), 10, Duration.ofSeconds(1)));

    DependencyClient.Reply reply = client.send("DELETE", "/reservations/o-1", null);

    assertThat(reply.status()).isEqualTo(204);
    assertThat(reply.body()).isNull();
    assertThat(calls).hasValue(1);
  }

  /**
   * A body that is not JSON is no body; what the parser left unread does not reach the next answer
   * on the same connection.
   */
  @Test
  void anAnswerThatIsNotJsonHasANullBodyAndTheNextAnswerIsReadWhole() {
    statusForCall = n -> n == 1 ? 404 : 200;
    answer = "<html>" + "not json ".repeat(2_000) + "</html>";
    DependencyClient client =
        client(
            new ResilienceSettings(
                Duration.ofSeconds(1), 0, Duration.ofMillis(10), 10, Duration.ofSeconds(1)));

    DependencyClient.Reply notJson = client.send("GET", "/x", null);
    answer = "{\"ok\":true,\"padding\":\"" + "p".repeat(10_000) + "\"}";
    DependencyClient.Reply json = client.send("GET", "/x", null);

    assertThat(notJson.status()).isEqualTo(404);
    assertThat(notJson.body()).isNull();
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.body().get("ok").asBoolean()).isTrue();
    assertThat(json.body().get("padding").asText()).hasSize(10_000);
  }

  @Test
  void retriesServerErrorsWithExponentialBackoff() {
    statusForCall = n -> n <= 2 ? 503 : 201;
    DependencyClient client =
        client(
            new ResilienceSettings(
                Duration.ofSeconds(1), 2, Duration.ofMillis(100), 10, Duration.ofSeconds(1)));
    long start = System.nanoTime();
    DependencyClient.Reply reply = client.send("POST", "/things", java.util.Map.of("a", 1));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.body().get("ok").asBoolean()).isTrue();
    assertThat(calls).hasValue(3);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(300); // 100 ms, then 200 ms
    assertThat(registry.get("resilience.retries").tag("target", "stock").counter().count())
        .isEqualTo(2.0);
  }

  @Test
  void givesUpAfterTheLastRetryWithA503() {
    statusForCall = n -> 500;
    DependencyClient client =
        client(
            new ResilienceSettings(
                Duration.ofSeconds(1), 2, Duration.ofMillis(10), 10, Duration.ofSeconds(1)));
    assertThatThrownBy(() -> client.send("GET", "/x", null))
        .isInstanceOfSatisfying(
            DependencyUnavailableException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isEqualTo("STOCK_UNAVAILABLE");
              assertThat(e.getMessage()).contains("answered 500");
            });
    assertThat(calls).hasValue(3);
  }

  @Test
  void clientErrorsAreAnswersNotFailures() {
    statusForCall = n -> 409;
    DependencyClient client =
        client(
            new ResilienceSettings(
                Duration.ofSeconds(1), 2, Duration.ofMillis(10), 1, Duration.ofSeconds(1)));
    assertThat(client.send("GET", "/x", null).status()).isEqualTo(409);
    assertThat(client.send("GET", "/x", null).status()).isEqualTo(409);
    assertThat(calls).hasValue(2);
    assertThat(gauge()).isZero();
  }

  @Test
  void aTimeoutIsNotRetriedAndFailsWithinTheTimeout() {
    delayMillis = 2000;
    DependencyClient client =
        client(
            new ResilienceSettings(
                Duration.ofMillis(300), 2, Duration.ofMillis(10), 10, Duration.ofSeconds(1)));
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.send("GET", "/x", null))
        .isInstanceOf(DependencyUnavailableException.class)
        .hasMessageContaining("no answer within 300 ms");
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 1500L);
    assertThat(calls).hasValue(1);
  }

  @Test
  void theCircuitOpensFailsFastAndClosesWhenTheDependencyIsBack() {
    statusForCall = n -> 503;
    DependencyClient client =
        client(
            new ResilienceSettings(
                Duration.ofSeconds(1), 0, Duration.ofMillis(10), 3, Duration.ofMillis(500)));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> client.send("GET", "/x", null)).hasMessageContaining("answered 503");
    }
    assertThat(gauge()).isEqualTo(1.0);

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.send("GET", "/x", null)).hasMessageContaining("circuit open");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(100);
    assertThat(calls).hasValue(3);

    statusForCall = n -> 200;
    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> client.send("GET", "/x", null).status() == 200);
    assertThat(gauge()).isZero();
  }

  @Test
  void anUnreachableDependencyIsUnavailable() {
    stub.stop(0);
    DependencyClient client =
        client(
            new ResilienceSettings(
                Duration.ofMillis(500), 1, Duration.ofMillis(10), 10, Duration.ofSeconds(1)));
    assertThatThrownBy(() -> client.send("GET", "/x", null))
        .isInstanceOf(DependencyUnavailableException.class)
        .hasMessageContaining("cannot connect");
    assertThatThrownBy(() -> client.healthCheck().check()).isInstanceOf(IOException.class);
  }
}
