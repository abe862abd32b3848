package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecoveryStatisticsTest {
  @Test
  void oneKillIsItsOwnMeanMedianP95AndMax() {
    RecoveryStatistics s = RecoveryStatistics.of(List.of(4.2));

    assertThat(s).isEqualTo(new RecoveryStatistics(4.2, 4.2, 4.2, 4.2));
  }

  @Test
  void percentilesAreNearestRankOverTheSortedRecoveries() {
    RecoveryStatistics s = RecoveryStatistics.of(List.of(5.0, 1.0, 3.0));

    assertThat(s.meanSeconds()).isEqualTo(3.0);
    assertThat(s.p50Seconds()).isEqualTo(3.0); // rank ceil(1.5) = 2
    assertThat(s.p95Seconds()).isEqualTo(5.0); // rank ceil(2.85) = 3
    assertThat(s.maxSeconds()).isEqualTo(5.0);
  }

  @Test
  void overTwentyKillsP95IsTheNineteenth() {
    List<Double> values = IntStream.rangeClosed(1, 20).mapToObj(i -> (double) i).toList();

    RecoveryStatistics s = RecoveryStatistics.of(values);

    assertThat(s.p95Seconds()).isEqualTo(19.0);
    assertThat(s.p50Seconds()).isEqualTo(10.0);
    assertThat(s.meanSeconds()).isCloseTo(10.5, within(1e-9));
  }

  @Test
  void nothingToSummarizeIsRefused() {
    assertThatThrownBy(() -> RecoveryStatistics.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
