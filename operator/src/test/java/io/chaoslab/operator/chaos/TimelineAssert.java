package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.KillStatus;
import io.chaoslab.operator.conditions.Conditions;
import io.chaoslab.operator.testing.KillTruth;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.assertj.core.data.Offset;

/** Checks of what an experiment wrote against the fixture's truth, shared by the chaos tests. */
final class TimelineAssert {
  /** How far a measured time may be from the truth. */
  static final long TOLERANCE_MS = 100;

  private TimelineAssert() {}

  static Offset<Double> within() {
    return Offset.offset(TOLERANCE_MS / 1000.0);
  }

  /**
   * The kill names the pod the fixture lost and its replacement, and each time of the timeline is
   * within 100 ms of the truth; {@code recoveredAt} is when the truth had the workload back.
   */
  static void matchesTruth(KillStatus kill, KillTruth truth, Instant recoveredAt) {
    sameKill(kill, truth);
    near(kill, "killedAt", kill.getKilledAt(), Optional.of(truth.killedAt()));
    near(kill, "createdAt", kill.getCreatedAt(), truth.createdAt());
    near(kill, "scheduledAt", kill.getScheduledAt(), truth.scheduledAt());
    near(kill, "startedAt", kill.getStartedAt(), truth.startedAt());
    near(kill, "readyAt", kill.getReadyAt(), truth.readyAt());
    near(kill, "servingAt", kill.getServingAt(), truth.servingAt());
    recoveredWithTheTruth(kill, truth, recoveredAt);
  }

  /** The kill names the pod the fixture lost (name and UID) and the replacement it made. */
  static void sameKill(KillStatus kill, KillTruth truth) {
    assertThat(kill.getPod()).isEqualTo(truth.pod());
    assertThat(kill.getUid()).as("uid of %s", kill.getPod()).isEqualTo(truth.uid());
    assertThat(kill.getRefused()).as("refusal of %s", kill.getPod()).isNull();
    assertThat(kill.getReplacement())
        .as("replacement of %s", kill.getPod())
        .isEqualTo(truth.replacement().orElseThrow());
  }

  /** recoverySeconds is the truth's, from the kill to {@code recoveredAt}, within 100 ms. */
  static void recoveredWithTheTruth(KillStatus kill, KillTruth truth, Instant recoveredAt) {
    assertThat(kill.getRecoverySeconds())
        .as("recoverySeconds of %s", kill.getPod())
        .isNotNull()
        .isCloseTo(seconds(truth.killedAt(), recoveredAt), within());
  }

  static void near(KillStatus kill, String field, String measured, Optional<Instant> truth) {
    assertThat(truth).as("truth of %s of %s", field, kill.getPod()).isPresent();
    assertThat(measured).as("%s of %s", field, kill.getPod()).isNotNull();
    long error = Duration.between(truth.get(), Instant.parse(measured)).toMillis();
    assertThat(Math.abs(error))
        .as("%s of %s: %s vs truth %s", field, kill.getPod(), measured, truth.get())
        .isLessThanOrEqualTo(TOLERANCE_MS);
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /** Nearest rank: the smallest value with at least {@code percent} % of the values at or below. */
  static double nearestRank(List<Double> values, double percent) {
    List<Double> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(1, rank) - 1);
  }

  /** A number as the verdict messages write it: one decimal, none for a whole number. */
  static String num(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  /**
   * The condition follows the Kubernetes API conventions: type, status, reason, message, the
   * generation it describes, and a lastTransitionTime in RFC 3339 no later than {@code notAfter}.
   */
  static Condition assertCondition(
      ChaosExperiment experiment,
      String type,
      String status,
      String reason,
      String message,
      Instant notBefore,
      Instant notAfter) {
    Optional<Condition> found = Conditions.find(experiment.getStatus().getConditions(), type);
    assertThat(found).as("condition %s", type).isPresent();
    Condition condition = found.get();
    assertThat(condition.getStatus()).as("%s status", type).isEqualTo(status);
    assertThat(condition.getReason()).as("%s reason", type).isEqualTo(reason);
    assertThat(condition.getMessage()).as("%s message", type).isEqualTo(message);
    assertThat(experiment.getMetadata().getGeneration()).isNotNull();
    assertThat(condition.getObservedGeneration())
        .as("%s observedGeneration", type)
        .isEqualTo(experiment.getMetadata().getGeneration());
    assertThat(condition.getLastTransitionTime()).as("%s lastTransitionTime", type).isNotNull();
    Instant transition = Instant.parse(condition.getLastTransitionTime());
    assertThat(transition)
        .as("%s lastTransitionTime", type)
        .isBetween(notBefore.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), notAfter);
    return condition;
  }

  /** The Events about this experiment (by name, kind and UID). */
  static List<Event> events(KubernetesClient client, ChaosExperiment experiment) {
    return client
        .v1()
        .events()
        .inNamespace(experiment.getMetadata().getNamespace())
        .list()
        .getItems()
        .stream()
        .filter(e -> e.getInvolvedObject() != null)
        .filter(e -> "ChaosExperiment".equals(e.getInvolvedObject().getKind()))
        .filter(e -> experiment.getMetadata().getName().equals(e.getInvolvedObject().getName()))
        .filter(e -> experiment.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
        .toList();
  }

  static List<Event> events(KubernetesClient client, ChaosExperiment experiment, String reason) {
    return events(client, experiment).stream().filter(e -> reason.equals(e.getReason())).toList();
  }
}
