package io.chaoslab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  @Test
  void rateTimesDurationRequestsAreDue() {
    assertThat(Schedule.requestsIn(300, Duration.ofSeconds(10))).isEqualTo(3000);
    assertThat(Schedule.requestsIn(100, Duration.ofSeconds(30))).isEqualTo(3000);
    assertThat(Schedule.requestsIn(3, Duration.ofMillis(1500))).isEqualTo(5); // 0, 1/3, ..., 4/3 s
    assertThat(Schedule.requestsIn(1, Duration.ofMillis(1))).isEqualTo(1);
  }

  @Test
  void requestIIsDueAtIOverRateWhateverHappenedBefore() {
    Schedule schedule = Schedule.of(400, Duration.ZERO, 1000);

    assertThat(schedule.dueOffsetNanos(0)).isZero();
    assertThat(schedule.dueOffsetNanos(1)).isEqualTo(2_500_000);
    assertThat(schedule.dueOffsetNanos(400)).isEqualTo(1_000_000_000);
    assertThat(schedule.dueOffsetNanos(999)).isEqualTo(2_497_500_000L);
    // no drift over a day at the highest rate
    Schedule fast = Schedule.of(100_000, Duration.ZERO, 1);
    assertThat(fast.dueOffsetNanos(8_640_000_000L)).isEqualTo(Duration.ofDays(1).toNanos());
  }

  @Test
  void theWarmupComesFirstAtTheSameRate() {
    Schedule schedule = Schedule.of(50, Duration.ofSeconds(2), 30);

    assertThat(schedule.warmupRequests()).isEqualTo(100);
    assertThat(schedule.totalRequests()).isEqualTo(130);
    assertThat(schedule.isWarmup(99)).isTrue();
    assertThat(schedule.isWarmup(100)).isFalse();
    assertThat(schedule.dueOffsetNanos(100)).isEqualTo(2_000_000_000L);
  }
}
