package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.chaoslab.operator.api.chaos.AvailabilityStatus;
import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.chaoslab.operator.api.chaos.KillStatus;
import io.chaoslab.operator.api.chaos.ProbeSpec;
import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.conditions.Conditions;
import io.chaoslab.operator.testing.FakeWorkload;
import io.chaoslab.operator.testing.KillTruth;
import io.chaoslab.operator.testing.PodLifecycle;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The steady-state probe against an endpoint the test serves: it answers 503 for {@link #OUTAGE_MS}
 * from the instant the fixture sees a pod go (a service that needs a while to move its traffic), so
 * the outage the probe must see is known to the millisecond.
 */
@EnableKubernetesMockClient(crud = true)
class ChaosAvailabilityTest {
  private static final int PROBE_INTERVAL_MS = 50;

  /** How long the endpoint answers 503 after each kill: about a third of the probing. */
  private static final long OUTAGE_MS = 700;

  /** Replacements Ready 0.8 s after the kill. */
  private static final PodLifecycle LIFECYCLE = PodLifecycle.delaysMillis(100, 200, 300, 800, 900);

  private static final Pattern RFC_3339_MILLIS =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

  KubernetesMockServer server;
  KubernetesClient client;
  private ChaosHarness shop;
  private FakeWorkload order;
  private ProbeEndpoint endpoint;

  @BeforeEach
  void startShop() {
    shop = ChaosHarness.start(client, server);
    order = shop.run(ShopComponent.ORDER, LIFECYCLE);
    endpoint =
        ProbeEndpoint.failingWhile(
            () ->
                order.kills().stream()
                    .anyMatch(
                        kill -> Instant.now().isBefore(kill.killedAt().plusMillis(OUTAGE_MS))));
  }

  @AfterEach
  void stopShop() {
    endpoint.close();
    shop.close();
  }

  @Test
  void theOutageFromTheKillUntilTheReplacementIsReadyIsMeasuredAndPasses() {
    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                "probe-passes",
                spec -> {
                  spec.setSeed(3L);
                  spec.setProbe(probe(endpoint.url()));
                  spec.getSlo().setMinAvailabilityPercent(30.0);
                }));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(order.kills()).hasSize(1);
    KillTruth truth = order.kills().get(0);
    AvailabilityStatus availability = status.getAvailability();
    assertThat(availability).isNotNull();
    // every failed call is one the endpoint answered 503; the calls it answered are the ones
    // recorded, plus the steady-state check before the kill, plus at most one call in flight when
    // the probe stopped
    assertThat(availability.getFailures()).isEqualTo(endpoint.failedCalls()).isPositive();
    int answered = endpoint.okCalls() + endpoint.failedCalls();
    assertThat(availability.getProbes()).isBetween(answered - 2L, answered - 1L);
    double expectedPercent =
        100.0 * (availability.getProbes() - availability.getFailures()) / availability.getProbes();
    assertThat(availability.getPercent())
        .isCloseTo(expectedPercent, offset(0.001))
        .isBetween(30.0, 99.0);
    assertThat(availability.getLongestOutageSeconds())
        .as("outage vs the endpoint's 503 window")
        .isCloseTo(OUTAGE_MS / 1000.0, offset(2 * PROBE_INTERVAL_MS / 1000.0));
    assertThat(availability.getLatencyP95Millis()).isPositive();
    assertThat(availability.getLatencyP99Millis())
        .isGreaterThanOrEqualTo(availability.getLatencyP95Millis());
    Matcher percent =
        Pattern.compile("; availability (\\d+\\.\\d) % \\(SLO 30 %\\)$")
            .matcher(status.getMessage());
    assertThat(percent.find()).as(status.getMessage()).isTrue();
    assertThat(Double.parseDouble(percent.group(1)))
        .isCloseTo(availability.getPercent(), offset(0.051));
    assertThat(condition(status, ExperimentOutcome.SUCCEEDED).getReason()).isEqualTo("SloMet");
    statusIsCompleteAsKubectlShowsIt("probe-passes", truth);
  }

  @Test
  void availabilityUnderTheSloFailsAndSaysByHowMuch() {
    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                "probe-under-slo",
                spec -> {
                  spec.setProbe(probe(endpoint.url()));
                  spec.getSlo().setMinAvailabilityPercent(99.0);
                }));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Failed);
    double percent = status.getAvailability().getPercent();
    assertThat(percent).isLessThan(99.0);
    Matcher missed =
        Pattern.compile("availability (\\d+\\.\\d) %, (\\d+\\.\\d) points under the SLO of 99 %")
            .matcher(status.getMessage());
    assertThat(missed.find()).as(status.getMessage()).isTrue();
    assertThat(Double.parseDouble(missed.group(1))).isCloseTo(percent, offset(0.051));
    assertThat(Double.parseDouble(missed.group(2))).isCloseTo(99.0 - percent, offset(0.051));
    // the recovery itself met its SLO: availability is the only bound missed
    assertThat(status.getKills()).hasSize(1);
    assertThat(status.getKills().get(0).getRecoverySeconds()).isLessThan(30.0);
    assertThat(status.getMessage()).doesNotContain("over the SLO").doesNotContain("stopped");
    assertThat(condition(status, ExperimentOutcome.SUCCEEDED).getReason()).isEqualTo("SloMissed");
    assertThat(condition(status, ExperimentOutcome.SUCCEEDED).getStatus()).isEqualTo("False");
  }

  @Test
  void anOutageLongerThanMaxOutageSecondsFails() {
    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                "probe-long-outage",
                spec -> {
                  spec.setProbe(probe(endpoint.url()));
                  spec.getSlo().setMinAvailabilityPercent(30.0);
                  spec.getSlo().setMaxOutageSeconds(0.3);
                }));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Failed);
    double longest = status.getAvailability().getLongestOutageSeconds();
    Matcher missed =
        Pattern.compile(
                "^longest outage (\\d+\\.\\d) s, (\\d+\\.\\d) s over the maximum of 0\\.3 s$")
            .matcher(status.getMessage());
    assertThat(missed.find()).as(status.getMessage()).isTrue();
    assertThat(Double.parseDouble(missed.group(1))).isCloseTo(longest, offset(0.051));
    assertThat(Double.parseDouble(missed.group(2))).isCloseTo(longest - 0.3, offset(0.051));
    assertThat(status.getAvailability().getPercent()).isGreaterThanOrEqualTo(30.0);
    assertThat(condition(status, ExperimentOutcome.SUCCEEDED).getReason()).isEqualTo("SloMissed");
  }

  @Test
  void availabilityUnderTheSloAfterRoundOneStopsTheInjection() {
    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                "probe-fail-fast",
                spec -> {
                  spec.setRounds(3);
                  spec.setIntervalSeconds(0);
                  spec.setProbe(probe(endpoint.url()));
                  spec.getSlo().setMinAvailabilityPercent(99.0);
                }));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Failed);
    assertThat(status.getKills()).singleElement().extracting(KillStatus::getRound).isEqualTo(1);
    assertThat(status.getKillCount()).isEqualTo(1);
    assertThat(order.kills())
        .as("the pods the fixture saw go")
        .extracting(KillTruth::uid)
        .containsExactly(status.getKills().get(0).getUid());
    Matcher stopped =
        Pattern.compile(
                "stopped after round 1 of 3: availability (\\d+\\.\\d) % fell under the SLO of"
                    + " 99 %")
            .matcher(status.getMessage());
    assertThat(stopped.find()).as(status.getMessage()).isTrue();
    // what the probe saw when the run stopped; the calls after it (service back) only add
    assertThat(Double.parseDouble(stopped.group(1)))
        .isLessThan(99.0)
        .isLessThanOrEqualTo(status.getAvailability().getPercent() + 0.05);
    assertThat(condition(status, ExperimentOutcome.SUCCEEDED).getReason())
        .isEqualTo("StoppedEarly");
  }

  @Test
  void availabilityFallingUnderTheSloDuringThePauseStopsTheNextRound() {
    // the workload is back, the service fails a little later: 503 for 0.5 s from 0.4 s after the
    // replacement serves, well within the 2 s pause before round 2
    try (ProbeEndpoint lateOutage =
        ProbeEndpoint.failingWhile(
            () ->
                order.kills().stream()
                    .flatMap(kill -> kill.servingAt().stream())
                    .anyMatch(
                        serving ->
                            Instant.now().isAfter(serving.plusMillis(400))
                                && Instant.now().isBefore(serving.plusMillis(900))))) {
      ChaosExperimentStatus status =
          shop.runToCompletion(
              shop.experiment(
                  "probe-fails-in-pause",
                  spec -> {
                    spec.setRounds(3);
                    spec.setIntervalSeconds(2);
                    spec.setProbe(probe(lateOutage.url()));
                    spec.getSlo().setMinAvailabilityPercent(99.0);
                  }));

      assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Failed);
      assertThat(lateOutage.failedCalls()).isPositive();
      assertThat(status.getKills()).singleElement().extracting(KillStatus::getRound).isEqualTo(1);
      assertThat(order.kills()).hasSize(1);
      assertThat(status.getMessage()).contains("stopped after round 1 of 3: availability ");
      assertThat(condition(status, ExperimentOutcome.SUCCEEDED).getReason())
          .isEqualTo("StoppedEarly");
    }
  }

  @Test
  void aProbeThatDoesNotAnswerAtTheStartIsAnErrorAndNoPodIsTouched() {
    List<String> podsBefore = shop.podNames();
    String refused = ProbeEndpoint.closedUrl();
    try (ProbeEndpoint unavailable = ProbeEndpoint.failingWhile(() -> true)) {
      ChaosExperimentStatus noAnswer =
          shop.runToCompletion(
              shop.experiment("probe-refused", spec -> spec.setProbe(probe(refused))));
      ChaosExperimentStatus answers503 =
          shop.runToCompletion(
              shop.experiment("probe-503", spec -> spec.setProbe(probe(unavailable.url()))));

      for (ChaosExperimentStatus status : List.of(noAnswer, answers503)) {
        assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Error);
        assertThat(condition(status, ExperimentOutcome.SUCCEEDED).getReason())
            .isEqualTo(CannotRun.PROBE_FAILED);
        assertThat(status.getMessage())
            .startsWith("steady state not met: probe http://127.0.0.1:")
            .endsWith("; no pod touched");
        assertThat(status.getKills()).isNullOrEmpty();
        assertThat(status.getStartedAt()).isNull();
      }
      assertThat(noAnswer.getMessage()).contains(refused + " failed: ");
      assertThat(answers503.getMessage()).contains(unavailable.url() + " answered 503");
      assertThat(unavailable.failedCalls()).isEqualTo(1);
    }
    assertThat(order.kills()).isEmpty();
    assertThat(shop.podNames()).isEqualTo(podsBefore);
  }

  /**
   * What {@code kubectl get cx NAME -o yaml} prints once the verdict is in: the object as the API
   * server returns it, every block of the contract's status filled in.
   */
  @SuppressWarnings("unchecked")
  private void statusIsCompleteAsKubectlShowsIt(String name, KillTruth truth) {
    ChaosExperiment fetched = shop.get(name);
    String yaml = client.getKubernetesSerialization().asYaml(fetched);
    Map<String, Object> object = client.getKubernetesSerialization().unmarshal(yaml, Map.class);
    Map<String, Object> status = (Map<String, Object>) object.get("status");
    assertThat(status)
        .containsEntry("phase", "Passed")
        .containsEntry("target", "demo/order")
        .containsEntry("desiredReadyPods", 2)
        .containsEntry("killCount", 1)
        .containsEntry("seed", 3)
        .containsEntry("observedGeneration", fetched.getMetadata().getGeneration().intValue())
        .containsKeys("startedAt", "finishedAt", "message", "recovery", "availability");
    assertThat((List<Map<String, Object>>) status.get("conditions"))
        .extracting(c -> c.get("type") + "=" + c.get("status"))
        .containsExactlyInAnyOrder("Complete=True", "Succeeded=True");
    Map<String, Object> kill = ((List<Map<String, Object>>) status.get("kills")).get(0);
    assertThat(kill)
        .containsEntry("round", 1)
        .containsEntry("uid", truth.uid())
        .containsEntry("pod", truth.pod())
        .containsEntry("replacement", truth.replacement().orElseThrow())
        .containsKey("recoverySeconds");
    List<String> timeline =
        List.of("killedAt", "createdAt", "scheduledAt", "startedAt", "readyAt", "servingAt");
    Instant previous = Instant.parse((String) status.get("startedAt"));
    for (String field : timeline) {
      String at = (String) kill.get(field);
      assertThat(at).as(field).matches(RFC_3339_MILLIS);
      assertThat(Instant.parse(at)).as(field).isAfterOrEqualTo(previous);
      previous = Instant.parse(at);
    }
    assertThat((String) status.get("finishedAt")).matches(RFC_3339_MILLIS);
    assertThat(Instant.parse((String) status.get("finishedAt"))).isAfterOrEqualTo(previous);
    assertThat((Map<String, Object>) status.get("recovery"))
        .containsKeys("meanSeconds", "p50Seconds", "p95Seconds", "maxSeconds");
    assertThat((Map<String, Object>) status.get("availability"))
        .containsKeys(
            "probes",
            "failures",
            "percent",
            "longestOutageSeconds",
            "latencyP95Millis",
            "latencyP99Millis");
  }

  private static ProbeSpec probe(String url) {
    ProbeSpec probe = new ProbeSpec();
    probe.setUrl(url);
    probe.setIntervalMillis(PROBE_INTERVAL_MS);
    return probe;
  }

  private static Condition condition(ChaosExperimentStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }
}
