package io.chaoslab.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.testing.Experiments;
import io.chaoslab.operator.testing.FakeWorkloads;
import io.chaoslab.operator.testing.PodLifecycle;
import io.chaoslab.testsupport.MonitoringQueries;
import io.chaoslab.testsupport.MonitoringQueries.Query;
import io.chaoslab.testsupport.PrometheusServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's side of the monitoring, end to end: the real operator on fabric8's mock API server
 * deploys a ShopStack and runs a chaos experiment against it, and a real Prometheus with the
 * repository's configuration and rules scrapes the operator's {@code /metrics}. Every query of
 * every dashboard panel, annotation and variable, and every recording rule, that reads the
 * operator's metrics must come back with data (the shop's are checked by the monitoring module's
 * own end-to-end test).
 */
@EnableKubernetesMockClient(crud = true)
class MonitoringEndToEndTest {
  private static final Path MONITORING = Path.of("../monitoring");
  private static final String NS = "shop";
  private static final String SHOP = "demo";
  private static final Duration WAIT = Duration.ofSeconds(30);

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void everyOperatorQueryOfTheDashboardsAndRulesReturnsData(@TempDir Path work) {
    Experiments.enabledNamespace(client, NS);
    ChaosLabOperator operator =
        MockApiServer.operator(new Settings(Set.of(), Optional.empty(), 0), client);
    operator.start();
    try (PrometheusServer prometheus =
            PrometheusServer.start(
                MONITORING, Map.of("localhost:8080", "127.0.0.1:" + operator.httpPort()), work);
        FakeWorkloads cluster = FakeWorkloads.start(client, server)) {
      MockApiServer.createExampleShop(client);
      await()
          .atMost(WAIT)
          .until(() -> client.apps().deployments().inNamespace(NS).list().getItems().size() == 3);
      cluster.deployment(NS, SHOP + "-order").lifecycle(PodLifecycle.FAST).start();

      ChaosExperiment done =
          Experiments.runToCompletion(
              client, Experiments.of(NS, "kill-order", SHOP, spec -> {}), WAIT);
      assertThat(done.getStatus().getPhase()).hasToString("Passed");

      List<Query> operatorQueries = MonitoringQueries.all(MONITORING, Query::readsOperatorMetrics);
      assertThat(operatorQueries).hasSizeGreaterThan(15);
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(MonitoringQueries.unanswered(prometheus, operatorQueries))
                      .as("queries without data (Prometheus targets: %s)", prometheus.targets())
                      .isEmpty());

      // The experiment's own namespace reaches Prometheus (honor_labels), not the target's.
      assertThat(
              prometheus.query(
                  "namespace_target_action_result:chaoslab_experiments:increase15m"
                      + "{namespace=\"shop\",target=\"demo/order\",action=\"pod-kill\",result=\"Passed\"}"))
          .singleElement()
          .satisfies(s -> assertThat(s.at("/value/1").asDouble()).isEqualTo(1.0));
      assertThat(
              prometheus.query(
                  "namespace_target:chaoslab_recovery_seconds:mean1h{namespace=\"shop\",target=\"demo/order\"}"))
          .singleElement()
          .satisfies(s -> assertThat(s.at("/value/1").asDouble()).isPositive());
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          prometheus.query(
                              "chaoslab_shopstack_ready_replicas{namespace=\"shop\",shopstack=\"demo\",component=\"order\"}"))
                      .singleElement()
                      .extracting(s -> s.at("/value/1").asText())
                      .isEqualTo("2"));
      List<JsonNode> leader = prometheus.query("chaoslab_operator_leader");
      assertThat(leader)
          .singleElement()
          .satisfies(s -> assertThat(s.at("/value/1").asText()).isEqualTo("1"));
    } finally {
      operator.stop();
    }
  }
}
