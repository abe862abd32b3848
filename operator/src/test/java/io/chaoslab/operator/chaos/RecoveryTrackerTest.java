package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecoveryTrackerTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  private static PodState ready(String name) {
    return new PodState("uid-" + name, name, true, true, true, false);
  }

  private static PodState pending(String name, boolean scheduled, boolean started) {
    return new PodState("uid-" + name, name, scheduled, started, false, false);
  }

  @Test
  void oneKillHasTheReplacementsWholeTimelineAndItsRecovery() {
    RecoveryTracker t = new RecoveryTracker(2, List.of(ready("a"), ready("b")));

    t.killed("a", "uid-a", at(0));
    t.observed(new PodState("uid-a", "a", true, true, true, true), at(10)); // terminating
    t.observed(pending("c", false, false), at(50));
    t.observed(pending("c", true, false), at(100));
    t.removed("uid-a", at(200));
    t.observed(pending("c", true, true), at(1500));
    assertThat(t.recovered()).isFalse();
    t.observed(ready("c"), at(4000));
    t.endpoints(Set.of("b", "c"), at(4010));

    assertThat(t.recovered()).isTrue();
    RecoveryTracker.Kill kill = t.kills().get(0);
    assertThat(kill.pod()).isEqualTo("a");
    assertThat(kill.uid()).isEqualTo("uid-a");
    assertThat(kill.replacement()).contains("c");
    assertThat(kill.createdAt()).contains(at(50));
    assertThat(kill.scheduledAt()).contains(at(100));
    assertThat(kill.startedAt()).contains(at(1500));
    assertThat(kill.readyAt()).contains(at(4000));
    assertThat(kill.servingAt()).contains(at(4010));
    assertThat(kill.recoverySeconds())
        .hasValueSatisfying(s -> assertThat(s).isCloseTo(4.0, within(1e-9)));
  }

  @Test
  void aRoundRecoversWhenTheLastReplacementIsReady() {
    RecoveryTracker t = new RecoveryTracker(3, List.of(ready("a"), ready("b"), ready("c")));

    t.killed("a", "uid-a", at(0));
    t.killed("b", "uid-b", at(5));
    t.observed(pending("d", true, false), at(40));
    t.observed(pending("e", true, false), at(45));
    t.observed(ready("d"), at(3000));
    assertThat(t.recovered()).isFalse(); // c and d: 2 of 3
    t.observed(ready("e"), at(3500));

    List<RecoveryTracker.Kill> kills = t.kills();
    assertThat(kills).extracting(k -> k.replacement().orElseThrow()).containsExactly("d", "e");
    assertThat(kills.get(0).recoverySeconds())
        .hasValueSatisfying(s -> assertThat(s).isCloseTo(3.5, within(1e-9)));
    assertThat(kills.get(1).recoverySeconds())
        .hasValueSatisfying(s -> assertThat(s).isCloseTo(3.495, within(1e-9)));
  }

  @Test
  void aTerminatingPodDoesNotCountAsServing() {
    // grace period: the killed pod stays Ready while it drains
    RecoveryTracker t = new RecoveryTracker(2, List.of(ready("a"), ready("b")));

    t.killed("a", "uid-a", at(0));
    t.observed(new PodState("uid-a", "a", true, true, true, true), at(5));
    t.observed(pending("c", true, true), at(100));

    assertThat(t.recovered()).isFalse();
  }

  @Test
  void aPodThatNeverComesBackHasNoRecovery() {
    RecoveryTracker t = new RecoveryTracker(2, List.of(ready("a"), ready("b")));

    t.killed("a", "uid-a", at(0));
    t.observed(pending("c", true, true), at(100));

    assertThat(t.recovered()).isFalse();
    assertThat(t.kills().get(0).recoverySeconds()).isEmpty();
    assertThat(t.kills().get(0).readyAt()).isEmpty();
    assertThat(t.kills().get(0).replacement()).contains("c");
  }
}
