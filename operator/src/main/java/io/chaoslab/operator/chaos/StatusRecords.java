package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.AvailabilityStatus;
import io.chaoslab.operator.api.chaos.KillStatus;
import io.chaoslab.operator.api.chaos.RecoveryStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The measurement's results in the shape of the ChaosExperiment status: RFC 3339 timestamps with
 * milliseconds (UTC), durations in seconds rounded to the millisecond.
 */
public final class StatusRecords {
  private static final DateTimeFormatter RFC_3339_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private StatusRecords() {}

  public static String timestamp(Instant instant) {
    return RFC_3339_MILLIS.format(instant);
  }

  public static KillStatus kill(int round, RecoveryTracker.Kill kill) {
    return fill(new KillStatus(), round, kill);
  }

  /**
   * Writes what the tracker knows of {@code kill} into {@code entry}; a time the tracker has not
   * seen keeps the entry's value (written by an operator that ran before a restart).
   */
  static KillStatus fill(KillStatus entry, int round, RecoveryTracker.Kill kill) {
    entry.setRound(round);
    entry.setPod(kill.pod());
    entry.setUid(kill.uid());
    entry.setKilledAt(timestamp(kill.killedAt()));
    entry.setReplacement(kill.replacement().orElse(entry.getReplacement()));
    entry.setCreatedAt(format(kill.createdAt(), entry.getCreatedAt()));
    entry.setScheduledAt(format(kill.scheduledAt(), entry.getScheduledAt()));
    entry.setStartedAt(format(kill.startedAt(), entry.getStartedAt()));
    entry.setReadyAt(format(kill.readyAt(), entry.getReadyAt()));
    entry.setServingAt(format(kill.servingAt(), entry.getServingAt()));
    entry.setRecoverySeconds(
        kill.recoverySeconds().map(StatusRecords::seconds).orElse(entry.getRecoverySeconds()));
    return entry;
  }

  public static RecoveryStatus recovery(RecoveryStatistics statistics) {
    RecoveryStatus status = new RecoveryStatus();
    status.setMeanSeconds(seconds(statistics.meanSeconds()));
    status.setP50Seconds(seconds(statistics.p50Seconds()));
    status.setP95Seconds(seconds(statistics.p95Seconds()));
    status.setMaxSeconds(seconds(statistics.maxSeconds()));
    return status;
  }

  public static AvailabilityStatus availability(Availability.Summary summary) {
    AvailabilityStatus status = new AvailabilityStatus();
    status.setProbes(summary.probes());
    status.setFailures(summary.failures());
    status.setPercent(Math.round(summary.percent() * 1000) / 1000.0);
    status.setLongestOutageSeconds(seconds(summary.longestOutageSeconds()));
    status.setLatencyP95Millis(Math.round(summary.latencyP95Millis() * 10) / 10.0);
    status.setLatencyP99Millis(Math.round(summary.latencyP99Millis() * 10) / 10.0);
    return status;
  }

  private static String format(Optional<Instant> instant, String otherwise) {
    return instant.map(StatusRecords::timestamp).orElse(otherwise);
  }

  /** Seconds to the millisecond: finer digits would claim a precision the watches do not have. */
  static double seconds(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
