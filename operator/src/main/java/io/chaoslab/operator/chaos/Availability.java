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
  private final long earlierProbes;
  private final long earlierFailures;
  private Instant outageStart;
  private Instant lastFailure;
  private Duration longestOutage;

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

  public Availability() {
    this(0, 0, Duration.ZERO);
  }

  private Availability(long earlierProbes, long earlierFailures, Duration longestOutage) {
    this.earlierProbes = earlierProbes;
    this.earlierFailures = earlierFailures;
    this.longestOutage = longestOutage;
  }

  /**
   * Carries on from the figures of an earlier process (an operator restarted mid-experiment): the
   * counts and the longest outage go on from there; latency percentiles cover the new calls only,
   * as the earlier calls' latencies were not kept.
   */
  public static Availability continuing(long probes, long failures, double longestOutageSeconds) {
    return new Availability(
        probes, failures, Duration.ofNanos((long) (longestOutageSeconds * 1e9)));
  }

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
    return percent(earlierProbes + probes.size(), failures());
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
    long calls = earlierProbes + probes.size();
    return new Summary(
        calls,
        failures,
        percent(calls, failures),
        longest.toNanos() / 1e9,
        latencies.length == 0 ? 0 : RecoveryStatistics.nearestRank(latencies, 95),
        latencies.length == 0 ? 0 : RecoveryStatistics.nearestRank(latencies, 99));
  }

  private long failures() {
    return earlierFailures + probes.stream().filter(p -> !p.ok()).count();
  }

  private static double percent(long probes, long failures) {
    return probes == 0 ? 100.0 : 100.0 * (probes - failures) / probes;
  }
}
