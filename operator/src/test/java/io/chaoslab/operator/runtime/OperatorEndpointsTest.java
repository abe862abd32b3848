package io.chaoslab.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /healthz}, {@code /readyz} and {@code /metrics} of an operator on the mock API server. */
@EnableKubernetesMockClient(crud = true)
class OperatorEndpointsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final HttpClient http = HttpClient.newHttpClient();

  KubernetesMockServer server;
  KubernetesClient client;
  private ChaosLabOperator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    http.close();
  }

  private HttpResponse<String> send(String method, String path)
      throws IOException, InterruptedException {
    URI uri = URI.create("http://localhost:" + operator.httpPort() + path);
    return http.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthReadinessAndMetricsWithJosdksReconciliationMetrics() throws Exception {
    operator = MockApiServer.operator(new Settings(Set.of(), Optional.empty(), 0), client);
    assertThat(operator.notReadyReason()).contains("starting");
    assertThat(operator.reconciling()).isFalse();

    operator.start();

    assertThat(send("GET", "/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = send("GET", "/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready\n");
    assertThat(send("HEAD", "/readyz").statusCode()).isEqualTo(200);
    assertThat(send("GET", "/nope").statusCode()).isEqualTo(404);
    HttpResponse<String> post = send("POST", "/metrics");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");

    MockApiServer.createExampleShop(client);
    await()
        .atMost(WAIT)
        .until(
            () ->
                MockApiServer.count(
                        operator.meterRegistry(), "operator.sdk.reconciliations.success")
                    >= 1);

    HttpResponse<String> metrics = send("GET", "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body().lines())
        .anyMatch(
            line ->
                line.startsWith("operator_sdk_reconciliations_started_total{")
                    && line.contains("kind=\"ShopStack\""))
        .anyMatch(line -> line.startsWith("operator_sdk_reconciliations_success_total{"))
        .anyMatch(
            line ->
                line.startsWith("operator_sdk_controllers_execution_reconcile_seconds_count{")
                    && line.contains("controller=\"shopstack\""))
        .anyMatch(
            line -> line.startsWith("operator_sdk_controllers_execution_reconcile_seconds_bucket{"))
        .anyMatch(
            line ->
                line.startsWith("operator_sdk_events_received_total{")
                    && line.contains("action=\"ADDED\""))
        .anyMatch(line -> line.startsWith("jvm_memory_used_bytes{"))
        .anyMatch(line -> line.startsWith("process_uptime_seconds "))
        .contains("chaoslab_operator_leader 1.0");

    operator.stop();
    assertThat(operator.notReadyReason()).contains("stopping");
    assertThat(operator.reconciling()).isFalse();
  }
}
