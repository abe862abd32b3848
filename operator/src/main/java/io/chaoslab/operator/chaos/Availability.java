package io.chaoslab.operator.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the steady-state probe saw while the experiment ran: how many calls, how many failed, the
 * share that succeeded, the longest continuous outage and the latency of the calls.
 *
 * <p>An outage runs from the first failed call of a run of failures to the next successful call
 * (the service was seen down from the one and up again at the other); a run of failures still open
 * at the end lasts until its last failed call. Latency percentiles are nearest-rank over every
 * call, failed ones included (a call that timed out took its timeout).
 */
public final class Availability {
  private final List<Probe> probes = new ArrayList<>();
  private Instant outageStart;
  private Instant lastFailure;
  private Duration longestOutage = Duration.ZERO;

  /** One call of the probe: when it was made, whether it succeeded, how long it took. */
  public record Probe(Instant at, boolean ok, Duration latency) {}

  /** The figures of the status' {@code availability} block. */
  public record Summary(
      long probes,
      long failures,
      double percent,
      double longestOutageSeconds,
      double latencyP95Millis,
      double latencyP99Millis) {}

  /** Records a call; calls must come in the order they were made. */
  public synchronized void record(Probe probe) {
    probes.add(probe);
    if (!probe.ok()) {
      if (outageStart == null) {
        outageStart = probe.at();
      }
      lastFailure = probe.at();
    } else if (outageStart != null) {
      closeOutage(probe.at());
    }
  }

  private void closeOutage(Instant end) {
    Duration outage = Duration.between(outageStart, end);
    if (outage.compareTo(longestOutage) > 0) {
      longestOutage = outage;
    }
    outageStart = null;
  }

  /** The share of successful calls so far, 100 with no call yet: for failing fast mid-run. */
  public synchronized double percentSoFar() {
    return percent(probes.size(), failures());
  }

  public synchronized Summary summary() {
    Duration longest = longestOutage;
    if (outageStart != null) {
      Duration open = Duration.between(outageStart, lastFailure);
      longest = open.compareTo(longest) > 0 ? open : longest;
    }
    double[] latencies =
        probes.stream().mapToDouble(p -> p.latency().toNanos() / 1e6).sorted().toArray();
    long failures = failures();
    return new Summary(
        probes.size(),
        failures,
        percent(probes.size(), failures),
        longest.toNanos() / 1e9,
        latencies.length == 0 ? 0 : RecoveryStatistics.nearestRank(latencies, 95),
        latencies.length == 0 ? 0 : RecoveryStatistics.nearestRank(latencies, 99));
  }

  private long failures() {
    return probes.stream().filter(p -> !p.ok()).count();
  }

  private static double percent(long probes, long failures) {
    return probes == 0 ? 100.0 : 100.0 * (probes - failures) / probes;
  }
}
