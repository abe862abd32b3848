package io.chaoslab.operator.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Passed or Failed, with a message a person reads in {@code kubectl get cx}: which bound was missed
 * and by how much, or what the experiment showed when every bound held.
 *
 * @param reason the {@code Succeeded} condition's reason: {@code SloMet}, {@code Timeout} (a kill
 *     never recovered), {@code StoppedEarly} (rounds left out), else {@code SloMissed}
 */
public record Verdict(boolean passed, String reason, String message) {

  /**
   * The experiment's bounds: recovery per kill, availability, and optionally the longest outage.
   */
  public record Slo(
      double maxRecoverySeconds, double minAvailabilityPercent, OptionalDouble maxOutageSeconds) {}

  /** One kill's outcome: the pod, and its recovery time, empty when it never recovered. */
  public record Kill(String pod, OptionalDouble recoverySeconds) {}

  /**
   * @param stoppedEarly a message when the experiment stopped injecting before its last round
   *     (availability fell under its SLO mid-run), else empty
   */
  public static Verdict of(
      List<Kill> kills,
      Slo slo,
      Optional<Availability.Summary> availability,
      double timeoutSeconds,
      Optional<String> stoppedEarly) {
    List<String> missed = new ArrayList<>();
    for (Kill kill : kills) {
      if (kill.recoverySeconds().isEmpty()) {
        missed.add(
            "%s did not recover within the timeout of %s s"
                .formatted(kill.pod(), num(timeoutSeconds)));
      } else if (kill.recoverySeconds().getAsDouble() > slo.maxRecoverySeconds()) {
        double took = kill.recoverySeconds().getAsDouble();
        missed.add(
            "%s recovered in %s s, %s s over the SLO of %s s"
                .formatted(
                    kill.pod(),
                    num(took),
                    num(took - slo.maxRecoverySeconds()),
                    num(slo.maxRecoverySeconds())));
      }
    }
    availability.ifPresent(a -> missedAvailability(a, slo, missed));
    stoppedEarly.ifPresent(missed::add);
    if (!missed.isEmpty()) {
      String reason;
      if (kills.stream().anyMatch(k -> k.recoverySeconds().isEmpty())) {
        reason = "Timeout";
      } else if (stoppedEarly.isPresent()) {
        reason = "StoppedEarly";
      } else {
        reason = "SloMissed";
      }
      return new Verdict(false, reason, String.join("; ", missed));
    }
    return new Verdict(true, "SloMet", summary(kills, slo, availability));
  }

  private static void missedAvailability(Availability.Summary a, Slo slo, List<String> missed) {
    if (a.percent() < slo.minAvailabilityPercent()) {
      missed.add(
          "availability %s %%, %s points under the SLO of %s %%"
              .formatted(
                  pct(a.percent()),
                  pct(slo.minAvailabilityPercent() - a.percent()),
                  num(slo.minAvailabilityPercent())));
    }
    if (slo.maxOutageSeconds().isPresent()
        && a.longestOutageSeconds() > slo.maxOutageSeconds().getAsDouble()) {
      double max = slo.maxOutageSeconds().getAsDouble();
      missed.add(
          "longest outage %s s, %s s over the maximum of %s s"
              .formatted(
                  num(a.longestOutageSeconds()), num(a.longestOutageSeconds() - max), num(max)));
    }
  }

  private static String summary(
      List<Kill> kills, Slo slo, Optional<Availability.Summary> availability) {
    String recovery;
    if (kills.isEmpty()) {
      recovery = "no pod killed";
    } else {
      RecoveryStatistics stats =
          RecoveryStatistics.of(
              kills.stream().map(k -> k.recoverySeconds().getAsDouble()).toList());
      recovery =
          kills.size() == 1
              ? "recovered in %s s (SLO %s s)"
                  .formatted(num(stats.maxSeconds()), num(slo.maxRecoverySeconds()))
              : "%d kills recovered in at most %s s (mean %s s; SLO %s s)"
                  .formatted(
                      kills.size(),
                      num(stats.maxSeconds()),
                      num(stats.meanSeconds()),
                      num(slo.maxRecoverySeconds()));
    }
    return availability
        .map(
            a ->
                recovery
                    + "; availability %s %% (SLO %s %%)"
                        .formatted(pct(a.percent()), num(slo.minAvailabilityPercent())))
        .orElse(recovery);
  }

  /** Seconds with one decimal, and no ".0" for whole bounds such as an SLO of 30 s. */
  static String num(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String pct(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
