package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.chaoslab.operator.api.chaos.KillStatus;
import io.chaoslab.operator.api.chaos.ProbeSpec;
import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.testing.FakeWorkload;
import io.chaoslab.operator.testing.KillTruth;
import io.chaoslab.operator.testing.PodLifecycle;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator stopped in the middle of an experiment (a pod stop, a new leader) and started again
 * finishes it from its status, with the verdict an uninterrupted run would have written; a finished
 * experiment is never run again.
 */
@EnableKubernetesMockClient(crud = true)
class ChaosDurabilityTest {
  private static final double TOLERANCE_SECONDS = 0.1;

  /** The replacement is created 1 s after the kill and Ready after 2.5 s. */
  private static final PodLifecycle SLOW = PodLifecycle.delaysMillis(1000, 1200, 1500, 2500, 2600);

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
  void anOperatorStartedWhileTheReplacementComesUpFinishesTheRound() {
    FakeWorkload order = startEarlyInASecond(SLOW);
    client.resource(shop.experiment("restart-recovering", spec -> spec.setSeed(5L))).create();
    awaitStatus("restart-recovering", status -> Integer.valueOf(1).equals(status.getKillCount()));

    shop.stopOperator();
    KillTruth truth = onlyKill(order);
    assertThat(truth.readyAt()).as("the replacement is not Ready yet").isEmpty();
    assertThat(shop.get("restart-recovering").getStatus().getPhase())
        .as("a stopped operator leaves its experiment running")
        .isEqualTo(ExperimentPhase.Running);
    shop.startOperator();
    assertThat(truth.readyAt())
        .as("the new operator runs before the replacement is Ready")
        .isEmpty();
    ChaosExperimentStatus status = shop.awaitComplete("restart-recovering", ChaosHarness.WAIT);

    verdictMatchesTheTruth(status, order);
  }

  @Test
  void anOperatorStartedAfterTheReplacementIsReadyTakesTheRecoveryFromTheApiTimestamps() {
    FakeWorkload order = startEarlyInASecond(SLOW);
    client.resource(shop.experiment("restart-recovered", spec -> spec.setSeed(5L))).create();
    awaitStatus("restart-recovered", status -> Integer.valueOf(1).equals(status.getKillCount()));

    shop.stopOperator();
    KillTruth truth = onlyKill(order).awaitServing(ChaosHarness.WAIT);
    assertThat(shop.get("restart-recovered").getStatus().getPhase())
        .isEqualTo(ExperimentPhase.Running);
    shop.startOperator();
    ChaosExperimentStatus status = shop.awaitComplete("restart-recovered", ChaosHarness.WAIT);

    verdictMatchesTheTruth(status, order);
    assertThat(Instant.parse(status.getFinishedAt()))
        .as("recovered while no operator watched, measured after the restart")
        .isAfter(truth.servingAt().orElseThrow());
  }

  @Test
  void theOutageTheProbeSawBeforeTheStopCountsInTheVerdict() {
    FakeWorkload order = shop.run(ShopComponent.ORDER, SLOW);
    long outageMillis = 500;
    try (ProbeEndpoint endpoint =
        ProbeEndpoint.failingWhile(
            () ->
                order.kills().stream()
                    .anyMatch(
                        k -> Instant.now().isBefore(k.killedAt().plusMillis(outageMillis))))) {
      ProbeSpec probe = new ProbeSpec();
      probe.setUrl(endpoint.url());
      probe.setIntervalMillis(50);
      client
          .resource(
              shop.experiment(
                  "restart-after-outage",
                  spec -> {
                    spec.setProbe(probe);
                    spec.getSlo().setMinAvailabilityPercent(99.0);
                  }))
          .create();
      awaitStatus(
          "restart-after-outage", status -> Integer.valueOf(1).equals(status.getKillCount()));
      // the service was down, and is up again: the probe has seen both
      int okBeforeTheOutage = endpoint.okCalls();
      await()
          .atMost(ChaosHarness.WAIT)
          .until(() -> endpoint.failedCalls() > 0 && endpoint.okCalls() > okBeforeTheOutage + 1);

      shop.stopOperator();
      int failures = endpoint.failedCalls();
      assertThat(onlyKill(order).readyAt()).as("stopped while the round recovers").isEmpty();
      shop.startOperator();
      ChaosExperimentStatus status = shop.awaitComplete("restart-after-outage", ChaosHarness.WAIT);

      assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Failed);
      assertThat(endpoint.failedCalls()).isEqualTo(failures);
      assertThat(status.getAvailability().getFailures())
          .as("the failed calls, all seen by the stopped operator")
          .isEqualTo(failures);
      int answered = endpoint.okCalls() + endpoint.failedCalls();
      // not counted: the steady-state check, and a call in flight when each probe stopped
      assertThat(status.getAvailability().getProbes()).isBetween(answered - 3L, answered - 1L);
      assertThat(status.getAvailability().getLongestOutageSeconds())
          .isCloseTo(outageMillis / 1000.0, offset(0.1));
      assertThat(status.getMessage()).contains("points under the SLO of 99 %");
    }
  }

  @Test
  void anOperatorStoppedBetweenRoundsLeavesTheRemainingRoundsToTheNextOne() {
    FakeWorkload order = shop.run(ShopComponent.ORDER, PodLifecycle.FAST);
    client
        .resource(
            shop.experiment(
                "restart-between-rounds",
                spec -> {
                  spec.setRounds(3);
                  spec.setIntervalSeconds(2);
                  spec.setSeed(11L);
                }))
        .create();
    awaitStatus(
        "restart-between-rounds",
        status ->
            status.getKills() != null
                && status.getKills().size() == 1
                && status.getKills().get(0).getRecoverySeconds() != null);

    shop.stopOperator();
    assertThat(shop.get("restart-between-rounds").getStatus().getKills())
        .as("stopped while waiting for round 2")
        .hasSize(1);
    assertThat(order.kills()).hasSize(1);
    shop.startOperator();
    ChaosExperimentStatus status = shop.awaitComplete("restart-between-rounds", ChaosHarness.WAIT);

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(status.getKills()).extracting(KillStatus::getRound).containsExactly(1, 2, 3);
    assertThat(status.getKillCount()).isEqualTo(3);
    assertThat(order.kills())
        .as("each pod the fixture saw go, once")
        .extracting(KillTruth::uid)
        .containsExactlyElementsOf(status.getKills().stream().map(KillStatus::getUid).toList())
        .doesNotHaveDuplicates();
    assertThat(status.getKills()).allSatisfy(k -> assertThat(k.getRecoverySeconds()).isNotNull());
    for (int i = 1; i < 3; i++) {
      KillStatus previous = status.getKills().get(i - 1);
      Instant roundEnd =
          Instant.parse(previous.getKilledAt())
              .plusMillis(Math.round(previous.getRecoverySeconds() * 1000));
      assertThat(Instant.parse(status.getKills().get(i).getKilledAt()))
          .as("round %d waits intervalSeconds after round %d recovered", i + 1, i)
          .isAfterOrEqualTo(roundEnd.plusSeconds(2).minusMillis(5));
    }
    assertThat(status.getMessage()).startsWith("3 kills recovered in at most ");
    countedOnce(3);
  }

  @Test
  void aFinishedExperimentIsNotRunAgainAfterARestartNorAfterAnEdit() {
    FakeWorkload order = shop.run(ShopComponent.ORDER, PodLifecycle.FAST);
    ChaosExperimentStatus finished =
        shop.runToCompletion(shop.experiment("run-once", spec -> spec.setSeed(2L)));
    assertThat(finished.getPhase()).as(finished.getMessage()).isEqualTo(ExperimentPhase.Passed);
    ChaosExperiment before = shop.get("run-once");
    List<String> pods = shop.podNames();

    shop.restartOperator();
    // an experiment created after the restart has run to its end: the new operator has seen the
    // finished one too
    dryRunToCompletion("after-restart");
    assertUnchanged(before, order, pods);

    ChaosExperiment edited =
        client
            .resources(ChaosExperiment.class)
            .inNamespace(ChaosHarness.NS)
            .withName("run-once")
            .edit(
                cx -> {
                  cx.getSpec().setRounds(2);
                  cx.getSpec().setSeed(3L);
                  return cx;
                });
    assertThat(edited.getMetadata().getGeneration())
        .as("the edit is a new generation for the operator to see")
        .isGreaterThan(before.getMetadata().getGeneration());
    assertThat(edited.getSpec().getRounds()).isEqualTo(2);
    dryRunToCompletion("after-edit");
    assertUnchanged(before, order, pods);
    countedOnce(1);
  }

  private void dryRunToCompletion(String name) {
    ChaosExperimentStatus status =
        shop.runToCompletion(shop.experiment(name, spec -> spec.setDryRun(true)));
    assertThat(status.getPlan()).as(status.getMessage()).isNotEmpty();
  }

  private void assertUnchanged(ChaosExperiment before, FakeWorkload order, List<String> pods) {
    ChaosExperimentStatus now = shop.get(before.getMetadata().getName()).getStatus();
    assertThat(client.getKubernetesSerialization().asJson(now))
        .isEqualTo(client.getKubernetesSerialization().asJson(before.getStatus()));
    assertThat(order.kills()).hasSize(1);
    assertThat(shop.podNames()).isEqualTo(pods);
  }

  private void verdictMatchesTheTruth(ChaosExperimentStatus status, FakeWorkload order) {
    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    KillTruth truth = onlyKill(order);
    assertThat(status.getKills()).hasSize(1);
    assertThat(status.getKillCount()).isEqualTo(1);
    KillStatus kill = status.getKills().get(0);
    assertThat(kill.getUid()).isEqualTo(truth.uid());
    assertThat(kill.getReplacement()).isEqualTo(truth.replacement().orElseThrow());
    assertThat(millisBetween(truth.readyAt().orElseThrow(), Instant.parse(kill.getReadyAt())))
        .as("readyAt %s vs truth %s", kill.getReadyAt(), truth.readyAt().get())
        .isLessThanOrEqualTo(Math.round(TOLERANCE_SECONDS * 1000));
    double trueRecovery = millisBetween(truth.killedAt(), truth.readyAt().get()) / 1000.0;
    assertThat(kill.getRecoverySeconds()).isCloseTo(trueRecovery, offset(TOLERANCE_SECONDS));
    assertThat(status.getRecovery().getMaxSeconds()).isEqualTo(kill.getRecoverySeconds());
    countedOnce(1);
  }

  /** One experiment Passed, its kills and their recoveries each counted once, across operators. */
  private void countedOnce(int kills) {
    // the run counts its verdict just after writing it
    await().atMost(ChaosHarness.WAIT).untilAsserted(() -> assertCounted(kills));
  }

  private void assertCounted(int kills) {
    String scrape = shop.scrape();
    assertThat(
            ChaosMetricsTest.sample(
                scrape, "chaoslab_experiments_total", ChaosMetricsTest.with("result", "Passed")))
        .isEqualTo(1.0);
    assertThat(
            ChaosMetricsTest.sample(scrape, "chaoslab_pods_killed_total", ChaosMetricsTest.TARGET))
        .isEqualTo(kills);
    assertThat(
            ChaosMetricsTest.sample(
                scrape, "chaoslab_recovery_seconds_count", ChaosMetricsTest.TARGET))
        .isEqualTo(kills);
  }

  /**
   * Starts the order pods early in a wall-clock second, so that the kill most likely falls in the
   * second they were created and became Ready in (the API server's timestamps cannot tell them from
   * the replacement by the second alone), as when an experiment follows a rollout at once.
   */
  private FakeWorkload startEarlyInASecond(PodLifecycle lifecycle) {
    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> Instant.now().getNano() < 50_000_000);
    return shop.run(ShopComponent.ORDER, lifecycle);
  }

  /** The one pod the fixture saw go: a second one would be a pod killed twice. */
  private static KillTruth onlyKill(FakeWorkload order) {
    assertThat(order.kills()).hasSize(1);
    return order.kills().get(0);
  }

  private void awaitStatus(String name, Predicate<ChaosExperimentStatus> condition) {
    await()
        .atMost(ChaosHarness.WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              ChaosExperiment experiment = shop.get(name);
              return experiment != null
                  && experiment.getStatus() != null
                  && condition.test(experiment.getStatus());
            });
  }

  private static long millisBetween(Instant a, Instant b) {
    return Math.abs(Duration.between(a, b).toMillis());
  }
}
