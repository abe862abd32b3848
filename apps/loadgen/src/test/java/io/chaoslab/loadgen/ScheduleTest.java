package io.chaoslab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
  void theWarmupComesFirstAndRampsFromATenthOfTheRateUpToIt() {
    Schedule schedule = Schedule.of(1000, Duration.ofSeconds(10), 30);

    // (100/s + 1000/s) / 2 over 10 s
    assertThat(schedule.warmupRequests()).isEqualTo(5500);
    assertThat(schedule.totalRequests()).isEqualTo(5530);
    assertThat(schedule.isWarmup(5499)).isTrue();
    assertThat(schedule.isWarmup(5500)).isFalse();
    assertThat(schedule.dueOffsetNanos(0)).isZero();
    // the first second brings 100 + 90 / 2 = 145 requests: request 145 is due at 1 s
    assertThat(schedule.dueOffsetNanos(145)).isCloseTo(1_000_000_000L, within(1_000_000L));
    // gaps shrink from 10 ms (100/s) to 1 ms (1000/s)
    assertThat(gapNanos(schedule, 1)).isCloseTo(10_000_000L, within(200_000L));
    assertThat(gapNanos(schedule, 5498)).isCloseTo(1_000_000L, within(100_000L));
    // the measured part starts when the warm-up ends, at the full rate
    assertThat(schedule.dueOffsetNanos(5500)).isEqualTo(10_000_000_000L);
    assertThat(schedule.dueOffsetNanos(5501)).isEqualTo(10_001_000_000L);
  }

  @Test
  void aRateOfOneHasNoRampToClimb() {
    Schedule schedule = Schedule.of(1, Duration.ofSeconds(3), 2);

    assertThat(schedule.warmupRequests()).isEqualTo(3);
    assertThat(schedule.dueOffsetNanos(1)).isEqualTo(1_000_000_000L);
    assertThat(schedule.dueOffsetNanos(3)).isEqualTo(3_000_000_000L);
  }

  private static long gapNanos(Schedule schedule, long index) {
    return schedule.dueOffsetNanos(index + 1) - schedule.dueOffsetNanos(index);
  }
}
