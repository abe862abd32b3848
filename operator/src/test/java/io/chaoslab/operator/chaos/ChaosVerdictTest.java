package io.chaoslab.operator.chaos;

import static io.chaoslab.operator.chaos.ChaosHarness.NS;
import static io.chaoslab.operator.chaos.TimelineAssert.assertCondition;
import static io.chaoslab.operator.chaos.TimelineAssert.events;
import static io.chaoslab.operator.chaos.TimelineAssert.matchesTruth;
import static io.chaoslab.operator.chaos.TimelineAssert.near;
import static io.chaoslab.operator.chaos.TimelineAssert.nearestRank;
import static io.chaoslab.operator.chaos.TimelineAssert.num;
import static io.chaoslab.operator.chaos.TimelineAssert.recoveredWithTheTruth;
import static io.chaoslab.operator.chaos.TimelineAssert.sameKill;
import static io.chaoslab.operator.chaos.TimelineAssert.seconds;
import static io.chaoslab.operator.chaos.TimelineAssert.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.chaoslab.operator.api.chaos.KillStatus;
import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.api.chaos.TargetSpec;
import io.chaoslab.operator.testing.FakeWorkload;
import io.chaoslab.operator.testing.KillTruth;
import io.chaoslab.operator.testing.PodLifecycle;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The verdict of whole experiments against the fixture's truth: several rounds measured and
 * summarized, Passed, Failed on a missed SLO, Failed at the timeout; their conditions and Events.
 */
@EnableKubernetesMockClient(crud = true)
class ChaosVerdictTest {
  private static final Map<String, String> WEB = Map.of("tier", "web");

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
  void severalRoundsAreMeasuredAgainstTheTruthAndSummarizedByNearestRank() {
    // Two workloads behind one selector, one recovering fast and one slowly, and a seed that
    // picks from both: the rounds' recoveries differ, so mean, p50, p95 and max tell apart.
    shop.service("web", WEB);
    FakeWorkload fast =
        shop.cluster
            .selector(NS, "a-fast", Map.of("tier", "web", "speed", "fast"), 2)
            .lifecycle(PodLifecycle.delaysMillis(50, 100, 150, 300, 350))
            .start();
    FakeWorkload slow =
        shop.cluster
            .selector(NS, "b-slow", Map.of("tier", "web", "speed", "slow"), 2)
            .lifecycle(PodLifecycle.delaysMillis(100, 200, 300, 900, 950))
            .start();
    long seed = seedPickingFromBoth(3);
    ChaosExperiment experiment =
        shop.experiment(
            "three-rounds",
            spec -> {
              spec.setTarget(webTarget());
              spec.setRounds(3);
              spec.setIntervalSeconds(1);
              spec.setSeed(seed);
            });
    Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    ChaosExperimentStatus status = shop.runToCompletion(experiment);

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(status.getKills()).hasSize(3);
    assertThat(status.getKills()).extracting(KillStatus::getRound).containsExactly(1, 2, 3);
    assertThat(status.getKillCount()).isEqualTo(3);
    assertThat(status.getDesiredReadyPods()).isEqualTo(4);
    assertThat(status.getTarget()).isEqualTo("tier=web");
    assertThat(fast.kills().size() + slow.kills().size()).isEqualTo(3);
    assertThat(fast.kills()).as("kills of the fast workload").isNotEmpty();
    assertThat(slow.kills()).as("kills of the slow workload").isNotEmpty();

    List<KillTruth> truths =
        status.getKills().stream()
            .map(k -> fast.kill(k.getPod()).or(() -> slow.kill(k.getPod())).orElseThrow())
            .toList();
    for (int i = 0; i < 3; i++) {
      // one pod a round, the others stay Ready: the round recovers when the replacement is Ready
      matchesTruth(status.getKills().get(i), truths.get(i), truths.get(i).readyAt().orElseThrow());
    }
    for (int i = 1; i < 3; i++) {
      double pause = seconds(truths.get(i - 1).readyAt().orElseThrow(), truths.get(i).killedAt());
      assertThat(pause)
          .as("pause between the recovery of round %d and the kill of round %d", i, i + 1)
          .isBetween(1.0 - TimelineAssert.TOLERANCE_MS / 1000.0, 2.0);
    }

    List<Double> recoveries =
        truths.stream().map(t -> seconds(t.killedAt(), t.readyAt().orElseThrow())).toList();
    double mean = recoveries.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double max = recoveries.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    double min = recoveries.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    assertThat(max - min).as("the rounds recover at different speeds").isGreaterThan(0.4);
    assertThat(status.getRecovery().getMeanSeconds()).isCloseTo(mean, within());
    assertThat(status.getRecovery().getP50Seconds())
        .isCloseTo(nearestRank(recoveries, 50), within());
    assertThat(status.getRecovery().getP95Seconds())
        .isCloseTo(nearestRank(recoveries, 95), within());
    assertThat(status.getRecovery().getMaxSeconds()).isCloseTo(max, within());

    List<Double> measured = status.getKills().stream().map(KillStatus::getRecoverySeconds).toList();
    String message =
        "3 kills recovered in at most %s s (mean %s s; SLO 30 s)"
            .formatted(
                num(measured.stream().mapToDouble(Double::doubleValue).max().orElseThrow()),
                num(measured.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
    assertThat(status.getMessage()).isEqualTo(message);
    assertThat(Instant.parse(status.getStartedAt())).isBetween(created, truths.get(0).killedAt());
    Instant finished = Instant.parse(status.getFinishedAt());
    assertThat(finished).isAfterOrEqualTo(truths.get(2).readyAt().orElseThrow());

    ChaosExperiment done = shop.get("three-rounds");
    assertThat(status.getObservedGeneration()).isEqualTo(done.getMetadata().getGeneration());
    assertCondition(
        done, ExperimentOutcome.COMPLETE, "True", "Passed", message, finished, Instant.now());
    assertCondition(
        done, ExperimentOutcome.SUCCEEDED, "True", "SloMet", message, finished, Instant.now());

    awaitEvents(done, "Passed", 1);
    assertThat(events(client, done, "Started")).hasSize(1);
    assertThat(events(client, done, "Recovered")).hasSize(3);
    List<Event> killed = events(client, done, "Killed");
    assertThat(killed).hasSize(3);
    for (KillStatus kill : status.getKills()) {
      assertThat(killed)
          .anySatisfy(
              e ->
                  assertThat(e.getMessage())
                      .isEqualTo(
                          "round %d: deleted %s (uid %s)"
                              .formatted(kill.getRound(), kill.getPod(), kill.getUid())));
    }
    assertThat(events(client, done))
        .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Normal"))
        .allSatisfy(e -> assertThat(e.getSource().getComponent()).isEqualTo("chaoslab-operator"));
    assertThat(events(client, done, "Passed").get(0).getMessage()).isEqualTo(message);
    assertThat(shop.cluster.errors()).isEmpty();
  }

  @Test
  void aRecoverySlowerThanTheSloFailsAndSaysByHowMuch() {
    FakeWorkload order =
        shop.run(ShopComponent.ORDER, PodLifecycle.delaysMillis(100, 200, 300, 1200, 1300));
    ChaosExperiment experiment =
        shop.experiment(
            "too-slow",
            spec -> {
              spec.getSlo().setMaxRecoverySeconds(0.5);
              spec.setSeed(3L);
            });

    ChaosExperimentStatus status = shop.runToCompletion(experiment);

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Failed);
    assertThat(status.getKills()).hasSize(1);
    KillStatus kill = status.getKills().get(0);
    KillTruth truth = order.kill(kill.getPod()).orElseThrow();
    sameKill(kill, truth);
    recoveredWithTheTruth(kill, truth, truth.readyAt().orElseThrow());
    double took = kill.getRecoverySeconds();
    assertThat(took).as("the replacement is Ready about 1.2 s after the kill").isGreaterThan(1.0);
    String message =
        "%s recovered in %s s, %s s over the SLO of 0.5 s"
            .formatted(kill.getPod(), num(took), num(took - 0.5));
    assertThat(status.getMessage()).isEqualTo(message);
    assertThat(status.getRecovery().getMaxSeconds()).isEqualTo(took);

    ChaosExperiment done = shop.get("too-slow");
    Instant finished = Instant.parse(status.getFinishedAt());
    assertCondition(
        done, ExperimentOutcome.COMPLETE, "True", "Failed", message, finished, Instant.now());
    assertCondition(
        done, ExperimentOutcome.SUCCEEDED, "False", "SloMissed", message, finished, Instant.now());

    awaitEvents(done, "Failed", 1);
    Event failed = events(client, done, "Failed").get(0);
    assertThat(failed.getType()).isEqualTo("Warning");
    assertThat(failed.getMessage()).isEqualTo(message);
    assertThat(events(client, done, "Recovered")).hasSize(1);
    assertThat(events(client, done, "Passed")).isEmpty();
  }

  @Test
  void aTargetThatNeverRecoversFailsAtTheTimeoutWithTheTimelineSoFar() {
    FakeWorkload order =
        shop.run(
            ShopComponent.ORDER,
            PodLifecycle.delaysMillis(50, 100, 150, 200, 250).neverReadyReplacement());
    ChaosExperiment experiment =
        shop.experiment(
            "never-back",
            spec -> {
              spec.setTimeoutSeconds(10);
              spec.setSeed(5L);
            });
    Instant created = Instant.now();
    client.resource(experiment).create();

    // while it waits: Running, Complete False, no verdict yet
    await()
        .atMost(ChaosHarness.WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              ChaosExperiment now = shop.get("never-back");
              return now.getStatus() != null
                  && now.getStatus().getKills() != null
                  && now.getStatus().getKills().stream().anyMatch(k -> k.getKilledAt() != null);
            });
    ChaosExperiment running = shop.get("never-back");
    assertThat(running.getStatus().getPhase()).isEqualTo(ExperimentPhase.Running);
    Condition runningComplete =
        assertCondition(
            running,
            ExperimentOutcome.COMPLETE,
            "False",
            "Running",
            running.getStatus().getMessage(),
            created,
            Instant.now());
    assertThat(
            io.chaoslab.operator.conditions.Conditions.find(
                running.getStatus().getConditions(), ExperimentOutcome.SUCCEEDED))
        .isEmpty();

    ChaosExperimentStatus status = shop.awaitComplete("never-back", ChaosHarness.WAIT);

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Failed);
    assertThat(status.getKills()).hasSize(1);
    KillStatus kill = status.getKills().get(0);
    KillTruth truth = order.kill(kill.getPod()).orElseThrow();
    assertThat(truth.readyAt()).isEmpty();
    assertThat(kill.getUid()).isEqualTo(truth.uid());
    assertThat(kill.getReplacement()).isEqualTo(truth.replacement().orElseThrow());
    near(kill, "killedAt", kill.getKilledAt(), java.util.Optional.of(truth.killedAt()));
    near(kill, "createdAt", kill.getCreatedAt(), truth.createdAt());
    near(kill, "scheduledAt", kill.getScheduledAt(), truth.scheduledAt());
    near(kill, "startedAt", kill.getStartedAt(), truth.startedAt());
    assertThat(kill.getReadyAt()).isNull();
    assertThat(kill.getServingAt()).isNull();
    assertThat(kill.getRecoverySeconds()).isNull();
    assertThat(status.getRecovery()).isNull();
    assertThat(status.getKillCount()).isEqualTo(1);

    Instant started = Instant.parse(status.getStartedAt());
    Instant finished = Instant.parse(status.getFinishedAt());
    assertThat(seconds(started, finished)).isBetween(10.0, 10.5);
    String message = kill.getPod() + " did not recover within the timeout of 10 s";
    assertThat(status.getMessage()).isEqualTo(message);

    ChaosExperiment done = shop.get("never-back");
    Condition complete =
        assertCondition(
            done, ExperimentOutcome.COMPLETE, "True", "Failed", message, finished, Instant.now());
    assertCondition(
        done, ExperimentOutcome.SUCCEEDED, "False", "Timeout", message, finished, Instant.now());
    assertThat(complete.getLastTransitionTime())
        .as("Complete moved when it turned True")
        .isNotEqualTo(runningComplete.getLastTransitionTime());

    awaitEvents(done, "Failed", 1);
    assertThat(events(client, done, "Failed").get(0).getType()).isEqualTo("Warning");
    assertThat(events(client, done, "Started")).hasSize(1);
    assertThat(events(client, done, "Killed")).hasSize(1);
    assertThat(events(client, done, "Recovered")).isEmpty();
  }

  @Test
  void stoppingTheOperatorWhileAnEventIsWrittenLeavesTheExperimentRunningWithoutAnError()
      throws InterruptedException {
    FakeWorkload order = shop.run(ShopComponent.ORDER, PodLifecycle.FAST);
    // Every Event is answered a second late, so the operator stops in the middle of writing the
    // experiment's first one (Started); the JDK HTTP client sees the interrupt.
    CountDownLatch writingStarted = new CountDownLatch(1);
    server
        .expect()
        .post()
        .delay(1, TimeUnit.SECONDS)
        .withPath("/api/v1/namespaces/%s/events".formatted(NS))
        .andReply(
            201,
            request -> {
              String body = request.getBody().readUtf8();
              if (body.contains("\"reason\":\"Started\"") && body.contains("stopped-mid-event")) {
                writingStarted.countDown();
              }
              return body;
            })
        .always();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    try {
      client.resource(shop.experiment("stopped-mid-event", spec -> spec.setSeed(9L))).create();
      assertThat(writingStarted.await(ChaosHarness.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

      shop.stopOperator();

      ChaosExperiment stopped = shop.get("stopped-mid-event");
      assertThat(stopped.getStatus().getPhase()).isEqualTo(ExperimentPhase.Running);
      assertThat(stopped.getStatus().getKills()).isNullOrEmpty();
      assertThat(order.kills()).isEmpty();
      assertThat(
              io.chaoslab.operator.conditions.Conditions.find(
                  stopped.getStatus().getConditions(), ExperimentOutcome.SUCCEEDED))
          .isEmpty();
      assertThat(logs.list)
          .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .filteredOn(e -> e.getThreadName().startsWith("experiment-"))
          .as("warnings and errors of the experiment's run while the operator stopped")
          .isEmpty();
    } finally {
      root.detachAppender(logs);
    }

    shop.startOperator();
    ChaosExperimentStatus status = shop.awaitComplete("stopped-mid-event", ChaosHarness.WAIT);

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(status.getKills()).hasSize(1);
    KillStatus kill = status.getKills().get(0);
    // the next operator carried it on: the kill it made is the one the fixture saw (the timeline
    // against the truth is the other tests' business; here the operator is busy starting)
    sameKill(kill, order.kill(kill.getPod()).orElseThrow());
    assertThat(kill.getRecoverySeconds()).isNotNull();
    assertThat(order.kills()).hasSize(1);
  }

  private void awaitEvents(ChaosExperiment experiment, String reason, int count) {
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(events(client, experiment, reason)).hasSize(count));
  }

  private static TargetSpec webTarget() {
    TargetSpec target = new TargetSpec();
    target.setSelector(new LabelSelectorBuilder().withMatchLabels(WEB).build());
    return target;
  }

  /**
   * A seed whose picks over {@code rounds} rounds take pods of both workloads. The picker sorts the
   * candidates by name before its seeded shuffle, and the pods of {@code a-fast} sort before those
   * of {@code b-slow} (replacements too): which workload a round hits depends on the seed alone.
   */
  private static long seedPickingFromBoth(int rounds) {
    List<String> sorted = List.of("a-fast-1", "a-fast-2", "b-slow-1", "b-slow-2");
    return LongStream.rangeClosed(1, 1000)
        .filter(
            seed -> {
              List<Character> hit =
                  IntStream.rangeClosed(1, rounds)
                      .mapToObj(r -> PodPicker.pick(sorted, s -> s, 1, seed, r).get(0).charAt(0))
                      .toList();
              return hit.contains('a') && hit.contains('b');
            })
        .findFirst()
        .orElseThrow();
  }
}
