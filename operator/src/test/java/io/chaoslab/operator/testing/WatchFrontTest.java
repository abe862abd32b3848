package io.chaoslab.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The front without kubectl: plain requests pass through, watches stream as JSON lines. */
@EnableKubernetesMockClient(crud = true, https = false)
class WatchFrontTest {

  private static final String END_OF_STREAM = "<end of stream>";
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  KubernetesMockServer server;
  KubernetesClient client;
  private WatchFront front;
  private HttpClient http;

  @BeforeEach
  void startFront() {
    front = WatchFront.start(URI.create("http://127.0.0.1:" + server.getPort()));
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterEach
  void stopFront() {
    front.close();
    http.shutdownNow();
  }

  @Test
  void recognisesAWatchAndRewritesItForTheMock() {
    assertThat(WatchFront.watchQuery(null)).isEmpty();
    assertThat(WatchFront.watchQuery("limit=500")).isEmpty();
    assertThat(WatchFront.watchQuery("watch=false")).isEmpty();
    assertThat(WatchFront.watchQuery("fieldSelector=metadata.name%3Ddemo&watch=true"))
        .contains("fieldSelector=metadata.name%3Ddemo&watch=true");
    assertThat(WatchFront.watchQuery("watch=1&resourceVersion=5"))
        .contains("watch=true&resourceVersion=5");
  }

  @Test
  void passesPlainRequestsOn() throws Exception {
    client.configMaps().inNamespace("shop").resource(configMap("one")).create();

    HttpResponse<String> response =
        http.send(
            request("/api/v1/namespaces/shop/configmaps/demo"),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Serialization.unmarshal(response.body(), ConfigMap.class).getData())
        .containsEntry("value", "one");
  }

  @Test
  void streamsEventsAsJsonLinesWithHeartbeatsUntilTheFrontCloses() throws Exception {
    HttpResponse<Stream<String>> response =
        http.send(
            request("/api/v1/namespaces/shop/configmaps?watch=1"),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
              } finally {
                lines.add(END_OF_STREAM);
              }
            });

    client.configMaps().inNamespace("shop").resource(configMap("one")).create();
    assertEvent(nextEvent(lines), "ADDED", "one");
    client.configMaps().inNamespace("shop").withName("demo").edit(c -> configMap("two"));
    assertEvent(nextEvent(lines), "MODIFIED", "two");
    assertThat(lines.poll(WatchFront.HEARTBEAT.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS))
        .as("heartbeat")
        .isEmpty();
    assertThat(front.watchesOpen()).isEqualTo(1);

    front.close();
    assertThat(nextEvent(lines)).isEqualTo(END_OF_STREAM);
    assertThat(front.watchesOpen()).isZero();
  }

  private HttpRequest request(String pathAndQuery) {
    return HttpRequest.newBuilder(front.url().resolve(pathAndQuery)).timeout(PATIENCE).build();
  }

  private static ConfigMap configMap(String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("demo")
        .withNamespace("shop")
        .endMetadata()
        .addToData("value", value)
        .build();
  }

  /** The next line that is not a heartbeat. */
  private static String nextEvent(BlockingQueue<String> lines) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line != null && !line.isBlank()) {
        return line;
      }
    }
    throw new AssertionError("no event within " + PATIENCE);
  }

  private static void assertEvent(String line, String type, String value) {
    WatchEvent event = Serialization.unmarshal(line, WatchEvent.class);
    assertThat(event.getType()).isEqualTo(type);
    assertThat(((ConfigMap) event.getObject()).getData()).containsEntry("value", value);
  }
}
