package io.chaoslab.loadgen;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A run's figures. Everything but the ledger leaves the warm-up out.
 *
 * @param planned the measured requests the run was to send
 * @param sent the measured requests sent (fewer than planned only when the run was stopped)
 * @param completed the measured requests answered or failed
 * @param durationSeconds from the first measured request's due time to the last measured answer
 * @param throughput completed per second over {@code durationSeconds}
 * @param statusCounts measured answers per HTTP status, {@code error} for no answer
 * @param failures requests without an answer by exception name
 * @param errorPercent the share of measured requests not answered 2xx
 * @param lateStarts measured requests that left more than 10 ms after their due time
 */
record Report(
    String orderUrl,
    String runId,
    long seed,
    int rate,
    int concurrency,
    int quantity,
    String products,
    long planned,
    long sent,
    long completed,
    boolean stoppedEarly,
    Warmup warmup,
    double durationSeconds,
    double throughput,
    Map<String, Long> statusCounts,
    Map<String, Long> failures,
    double errorPercent,
    Double maxErrorPercent,
    Latency latency,
    long lateStarts,
    double worstLatenessMillis,
    LedgerResult ledger,
    int exitCode) {

  /** The warm-up: requests sent, answered 2xx, and not. */
  record Warmup(long requests, long ok, long failed) {}

  /** Latency percentiles in milliseconds, measured from each request's due time. */
  record Latency(double p50, double p90, double p99, double p999, double max, double mean) {
    static Latency of(Histogram micros, long trueMaxNanos) {
      if (micros.getTotalCount() == 0) {
        return new Latency(0, 0, 0, 0, 0, 0);
      }
      return new Latency(
          ms(micros.getValueAtPercentile(50)),
          ms(micros.getValueAtPercentile(90)),
          ms(micros.getValueAtPercentile(99)),
          ms(micros.getValueAtPercentile(99.9)),
          Math.max(ms(micros.getMaxValue()), trueMaxNanos / 1e6),
          micros.getMean() / 1000.0);
    }

    private static double ms(long micros) {
      return micros / 1000.0;
    }
  }
}
