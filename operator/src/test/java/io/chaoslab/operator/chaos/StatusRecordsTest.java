package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.operator.api.chaos.KillStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusRecordsTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123456Z");

  @Test
  void timestampsAreRfc3339InUtcWithMilliseconds() {
    assertThat(StatusRecords.timestamp(T0)).isEqualTo("2026-11-26T10:00:00.123Z");
    assertThat(StatusRecords.timestamp(Instant.parse("2026-11-26T10:00:00Z")))
        .isEqualTo("2026-11-26T10:00:00.000Z");
  }

  @Test
  void aKillBecomesItsStatusEntry() {
    RecoveryTracker tracker =
        new RecoveryTracker(
            1, List.of(new PodState("u1", "demo-order-a", true, true, true, false)));
    tracker.killed("demo-order-a", "u1", T0);
    tracker.observed(
        new PodState("u2", "demo-order-b", true, true, false, false), T0.plusMillis(40));
    tracker.observed(
        new PodState("u2", "demo-order-b", true, true, true, false), T0.plusMillis(4200));

    KillStatus status = StatusRecords.kill(2, tracker.kills().get(0));

    assertThat(status.getRound()).isEqualTo(2);
    assertThat(status.getPod()).isEqualTo("demo-order-a");
    assertThat(status.getUid()).isEqualTo("u1");
    assertThat(status.getKilledAt()).isEqualTo("2026-11-26T10:00:00.123Z");
    assertThat(status.getReplacement()).isEqualTo("demo-order-b");
    assertThat(status.getCreatedAt()).isEqualTo("2026-11-26T10:00:00.163Z");
    assertThat(status.getReadyAt()).isEqualTo("2026-11-26T10:00:04.323Z");
    assertThat(status.getServingAt()).isNull(); // never seen in the endpoints
    assertThat(status.getRecoverySeconds()).isEqualTo(4.2);
  }

  @Test
  void figuresAreRoundedToWhatTheMeasurementCanTell() {
    var recovery = StatusRecords.recovery(RecoveryStatistics.of(List.of(1.23456, 2.0)));
    var availability =
        StatusRecords.availability(
            new Availability.Summary(3, 1, 200.0 / 3, 0.5004, 12.345, 99.99));

    assertThat(recovery.getMeanSeconds()).isEqualTo(1.617);
    assertThat(recovery.getP50Seconds()).isEqualTo(1.235);
    assertThat(availability.getPercent()).isEqualTo(66.667);
    assertThat(availability.getLongestOutageSeconds()).isEqualTo(0.5);
    assertThat(availability.getLatencyP95Millis()).isEqualTo(12.3);
    assertThat(availability.getLatencyP99Millis()).isEqualTo(100.0);
  }
}
