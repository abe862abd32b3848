package io.chaoslab.operator.chaos;

import static io.chaoslab.operator.chaos.ChaosHarness.NS;
import static io.chaoslab.operator.chaos.TimelineAssert.assertCondition;
import static io.chaoslab.operator.chaos.TimelineAssert.events;
import static io.chaoslab.operator.chaos.TimelineAssert.recoveredWithTheTruth;
import static io.chaoslab.operator.chaos.TimelineAssert.sameKill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentSpec;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.chaoslab.operator.api.chaos.KillStatus;
import io.chaoslab.operator.api.chaos.Mode;
import io.chaoslab.operator.api.chaos.PlannedKill;
import io.chaoslab.operator.api.chaos.TargetSpec;
import io.chaoslab.operator.testing.FakeWorkload;
import io.chaoslab.operator.testing.KillTruth;
import io.chaoslab.operator.testing.PodLifecycle;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How many pods a round kills (modes one, fixed, percent, all) against the fixture's truth, and the
 * dry run: its plan, that it touches nothing, and that its seed picks the same pods for real.
 */
@EnableKubernetesMockClient(crud = true)
class ChaosModesTest {
  private static final Map<String, String> WEB = Map.of("app", "web");

  KubernetesMockServer server;
  KubernetesClient client;
  private ChaosHarness shop;

  @BeforeEach
  void startShop() {
    shop = ChaosHarness.start(client, server);
    // a Service over the pods, so the fixture writes their EndpointSlice (servingAt)
    shop.service("web", WEB);
  }

  @AfterEach
  void stopShop() {
    shop.close();
  }

  @ParameterizedTest(name = "mode {0} value {1} on 3 pods kills {2}")
  @CsvSource({"ONE,,1", "FIXED,2,2", "PERCENT,50,2", "PERCENT,10,1", "ALL,,3"})
  void eachModeKillsExactlyItsShareOfThePods(Mode mode, Integer value, int expected) {
    FakeWorkload web = web(3);
    List<String> before = web.pods();
    String name = "mode-" + mode.wireName() + (value == null ? "" : "-" + value);

    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                name,
                spec -> {
                  spec.setTarget(webTarget());
                  spec.setMode(mode);
                  spec.setValue(value);
                  spec.setSeed(11L);
                }));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(status.getDesiredReadyPods()).isEqualTo(3);
    assertThat(status.getKillCount()).isEqualTo(expected);
    assertThat(status.getKills()).hasSize(expected);
    assertThat(status.getKills()).allSatisfy(k -> assertThat(k.getRound()).isEqualTo(1));
    List<String> killed = status.getKills().stream().map(KillStatus::getPod).toList();
    assertThat(killed).doesNotHaveDuplicates();
    assertThat(before).containsAll(killed);

    // the truth: exactly those pods went, and the others are still there
    List<KillTruth> truths = web.kills();
    assertThat(truths).extracting(KillTruth::pod).containsExactlyInAnyOrderElementsOf(killed);
    assertThat(truths)
        .extracting(KillTruth::uid)
        .containsExactlyInAnyOrderElementsOf(
            status.getKills().stream().map(KillStatus::getUid).toList());
    assertThat(web.pods()).hasSize(3).doesNotContainAnyElementsOf(killed);
    assertThat(web.pods()).containsAll(before.stream().filter(p -> !killed.contains(p)).toList());

    // the round is back when the last replacement is Ready: every kill counts until then (the
    // other times of the timeline are ChaosVerdictTest's)
    Instant recovered =
        truths.stream().map(t -> t.readyAt().orElseThrow()).max(Instant::compareTo).orElseThrow();
    for (KillStatus kill : status.getKills()) {
      KillTruth truth = web.kill(kill.getPod()).orElseThrow();
      sameKill(kill, truth);
      recoveredWithTheTruth(kill, truth, recovered);
    }

    ChaosExperiment done = shop.get(name);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(events(client, done, "Passed")).hasSize(1));
    assertThat(events(client, done, "Killed")).hasSize(expected);
    assertThat(events(client, done, "Recovered")).hasSize(1);
  }

  @Test
  void aDryRunWritesThePlanTouchesNothingAndItsSeedPicksTheSamePodsForReal() {
    FakeWorkload web = web(4);
    List<String> webPods = web.pods();
    List<String> podsBefore = shop.podNames();
    Consumer<ChaosExperimentSpec> twoPodsThreeRounds =
        spec -> {
          spec.setTarget(webTarget());
          spec.setMode(Mode.FIXED);
          spec.setValue(2);
          spec.setRounds(3);
          spec.setSeed(4242L);
        };
    Instant created = Instant.now();

    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment("plan-a", twoPodsThreeRounds.andThen(spec -> spec.setDryRun(true))));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(status.getSeed()).isEqualTo(4242L);
    List<PlannedKill> plan = status.getPlan();
    assertThat(plan).extracting(PlannedKill::getRound).containsExactly(1, 1, 2, 2, 3, 3);
    for (int round = 1; round <= 3; round++) {
      int r = round;
      List<String> pods =
          plan.stream().filter(p -> p.getRound() == r).map(PlannedKill::getPod).toList();
      assertThat(pods).as("round %d", round).doesNotHaveDuplicates();
      assertThat(webPods).as("round %d", round).containsAll(pods);
    }
    List<String> firstRound =
        plan.stream().filter(p -> p.getRound() == 1).map(PlannedKill::getPod).toList();
    String message =
        "dry run: would kill 2 pod(s) in 3 round(s), first %s; nothing was touched"
            .formatted(String.join(", ", firstRound));
    assertThat(status.getMessage()).isEqualTo(message);

    // nothing touched
    assertThat(status.getKills()).isNullOrEmpty();
    assertThat(status.getKillCount()).isNull();
    assertThat(web.kills()).isEmpty();
    assertThat(shop.podNames()).isEqualTo(podsBefore);

    ChaosExperiment done = shop.get("plan-a");
    Instant now = Instant.now();
    assertCondition(done, ExperimentOutcome.COMPLETE, "True", "DryRun", message, created, now);
    assertCondition(done, ExperimentOutcome.SUCCEEDED, "True", "DryRun", message, created, now);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(events(client, done, "DryRun")).hasSize(1));
    assertThat(events(client, done, "DryRun").get(0).getMessage()).isEqualTo(message);
    assertThat(events(client, done, "DryRun").get(0).getType()).isEqualTo("Normal");
    assertThat(events(client, done)).hasSize(1);

    // the same seed plans the same pods
    ChaosExperimentStatus again =
        shop.runToCompletion(
            shop.experiment("plan-b", twoPodsThreeRounds.andThen(spec -> spec.setDryRun(true))));
    assertThat(describe(again.getPlan())).isEqualTo(describe(plan));
    assertThat(web.kills()).isEmpty();
    assertThat(shop.podNames()).isEqualTo(podsBefore);

    // and a real run with that seed kills the pods the plan named for round 1
    ChaosExperimentStatus real =
        shop.runToCompletion(
            shop.experiment("real-a", twoPodsThreeRounds.andThen(spec -> spec.setRounds(1))));
    assertThat(real.getPhase()).as(real.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(real.getPlan()).isNull();
    assertThat(real.getKills())
        .extracting(KillStatus::getPod)
        .containsExactlyElementsOf(firstRound);
    assertThat(web.kills()).extracting(KillTruth::pod).containsExactlyElementsOf(firstRound);
    assertThat(real.getKillCount()).isEqualTo(2);
  }

  private FakeWorkload web(int replicas) {
    return shop.cluster
        .selector(NS, "web", WEB, replicas)
        .lifecycle(PodLifecycle.delaysMillis(50, 100, 150, 300, 350))
        .start();
  }

  private static TargetSpec webTarget() {
    TargetSpec target = new TargetSpec();
    target.setSelector(new LabelSelectorBuilder().withMatchLabels(WEB).build());
    return target;
  }

  private static String describe(List<PlannedKill> plan) {
    return plan.stream().map(p -> p.getRound() + ":" + p.getPod()).collect(Collectors.joining(" "));
  }
}
