package io.chaoslab.operator.chaos;

import java.util.Arrays;
import java.util.List;

/**
 * Mean, median, 95th percentile and maximum of the recovery times of an experiment's kills.
 * Percentiles are nearest-rank (the smallest value with at least p % of the values at or below it),
 * so every figure is a recovery that really happened, also with three kills.
 */
public record RecoveryStatistics(
    double meanSeconds, double p50Seconds, double p95Seconds, double maxSeconds) {

  public static RecoveryStatistics of(List<Double> recoverySeconds) {
    if (recoverySeconds.isEmpty()) {
      throw new IllegalArgumentException("no recovery to summarize");
    }
    double[] sorted = recoverySeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new RecoveryStatistics(
        Arrays.stream(sorted).average().orElseThrow(),
        nearestRank(sorted, 50),
        nearestRank(sorted, 95),
        sorted[sorted.length - 1]);
  }

  static double nearestRank(double[] sorted, double percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
