package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.chaoslab.operator.api.chaos.KillStatus;
import io.chaoslab.operator.api.chaos.ProbeSpec;
import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.testing.FakeWorkload;
import io.chaoslab.operator.testing.PodLifecycle;
import io.chaoslab.operator.testing.PrometheusText;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract's chaos metrics, as Prometheus scrapes them, after experiments of each verdict. */
@EnableKubernetesMockClient(crud = true)
class ChaosMetricsTest {
  static final Map<String, String> TARGET =
      Map.of("namespace", "shop", "target", "demo/order", "action", "pod-kill");
  private static final List<Double> BUCKETS =
      List.of(0.5, 1.0, 2.0, 3.0, 5.0, 7.5, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0);

  KubernetesMockServer server;
  KubernetesClient client;
  private ChaosHarness shop;

  @BeforeEach
  void startShop() {
    shop = ChaosHarness.start(client, server);
  }

  @AfterEach
  void stopShop() {
    shop.close();
  }

  @Test
  void experimentsKillsAndRecoveriesAreCountedByTargetActionAndVerdict() {
    FakeWorkload order =
        shop.run(ShopComponent.ORDER, PodLifecycle.delaysMillis(100, 200, 300, 700, 800));

    client.resource(shop.experiment("passes", spec -> spec.setSeed(1L))).create();
    awaitRunning(1);
    ChaosExperimentStatus passed = shop.awaitComplete("passes", ChaosHarness.WAIT);
    awaitRunning(0);
    ChaosExperimentStatus failed =
        shop.runToCompletion(
            shop.experiment("too-slow", spec -> spec.getSlo().setMaxRecoverySeconds(0.2)));
    ChaosExperimentStatus error =
        shop.runToCompletion(
            shop.experiment("probe-down", spec -> spec.setProbe(probe(ProbeEndpoint.closedUrl()))));
    // a run counts its verdict after writing it, then ends
    awaitRunning(0);

    assertThat(passed.getPhase()).as(passed.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(failed.getPhase()).as(failed.getMessage()).isEqualTo(ExperimentPhase.Failed);
    assertThat(error.getPhase()).as(error.getMessage()).isEqualTo(ExperimentPhase.Error);
    String scrape = shop.scrape();
    assertThat(sample(scrape, "chaoslab_experiments_total", with("result", "Passed")))
        .isEqualTo(1.0);
    assertThat(sample(scrape, "chaoslab_experiments_total", with("result", "Failed")))
        .isEqualTo(1.0);
    assertThat(sample(scrape, "chaoslab_experiments_total", with("result", "Error")))
        .isEqualTo(1.0);
    assertThat(sample(scrape, "chaoslab_pods_killed_total", TARGET))
        .isEqualTo(order.kills().size())
        .isEqualTo(2.0);

    List<Double> recoveries =
        Stream.of(passed, failed)
            .flatMap(s -> s.getKills().stream())
            .map(KillStatus::getRecoverySeconds)
            .toList();
    assertThat(sample(scrape, "chaoslab_recovery_seconds_count", TARGET)).isEqualTo(2.0);
    assertThat(sample(scrape, "chaoslab_recovery_seconds_sum", TARGET))
        .isCloseTo(recoveries.stream().mapToDouble(Double::doubleValue).sum(), offset(0.002));
    assertThat(bucketBounds(scrape)).containsExactlyElementsOf(BUCKETS);
    for (double le : BUCKETS) {
      assertThat(sample(scrape, "chaoslab_recovery_seconds_bucket", with("le", label(le))))
          .as("recoveries %s up to %s s", recoveries, le)
          .isEqualTo(recoveries.stream().filter(r -> r <= le).count());
    }
    assertThat(sample(scrape, "chaoslab_recovery_seconds_bucket", with("le", "+Inf")))
        .isEqualTo(2.0);
  }

  private void awaitRunning(double running) {
    await()
        .atMost(ChaosHarness.WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> sample(shop.scrape(), "chaoslab_experiments_running", Map.of()) == running);
  }

  static Map<String, String> with(String name, String value) {
    Map<String, String> labels = new HashMap<>(TARGET);
    labels.put(name, value);
    return labels;
  }

  /** The value of the one sample of {@code name} whose labels are exactly {@code labels}. */
  static double sample(String scrape, String name, Map<String, String> labels) {
    return PrometheusText.sample(scrape, name, labels);
  }

  /** The {@code le} of the recovery histogram's buckets for the target, +Inf left out. */
  private static List<Double> bucketBounds(String scrape) {
    return PrometheusText.samples(scrape, "chaoslab_recovery_seconds_bucket").stream()
        .map(PrometheusText.Sample::labels)
        .filter(l -> l.entrySet().containsAll(TARGET.entrySet()))
        .map(l -> l.get("le"))
        .filter(le -> !le.equals("+Inf"))
        .map(Double::parseDouble)
        .toList();
  }

  private static String label(double le) {
    return String.valueOf(le);
  }

  private static ProbeSpec probe(String url) {
    ProbeSpec probe = new ProbeSpec();
    probe.setUrl(url);
    return probe;
  }
}
