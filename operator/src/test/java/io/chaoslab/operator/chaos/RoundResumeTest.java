package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoslab.operator.api.chaos.KillStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rebuilding a round from the API's timestamps after a restart: who is the replacement. */
class RoundResumeTest {

  @Test
  void aPodReadyBeforeTheKillIsNoReplacementEvenWhenCreatedInTheKillsSecond() {
    // the survivor was created and Ready in the second of the kill, just before it
    Pod survivor = pod("order-a", "2026-11-26T10:00:00Z", "2026-11-26T10:00:00.150Z");
    Pod replacement = pod("order-c", "2026-11-26T10:00:01Z", "2026-11-26T10:00:02.900Z");

    RecoveryTracker tracker =
        RoundResume.tracker(
            2,
            List.of(kill("order-b", "2026-11-26T10:00:00.400Z")),
            List.of(survivor, replacement));

    assertThat(tracker.recovered()).isTrue();
    RecoveryTracker.Kill kill = tracker.kills().get(0);
    assertThat(kill.replacement()).contains("order-c");
    assertThat(kill.recoverySeconds())
        .hasValueSatisfying(s -> assertThat(s).isCloseTo(2.5, within(1e-9)));
  }

  @Test
  void wholeSecondTimestampsInTheKillsSecondStillMakeAReplacementNeverANegativeRecovery() {
    Pod survivor = pod("order-a", "2026-11-26T09:59:58Z", "2026-11-26T09:59:59Z");
    // an API server's whole seconds: created and Ready within the second of the kill
    Pod replacement = pod("order-c", "2026-11-26T10:00:00Z", "2026-11-26T10:00:00Z");

    RecoveryTracker tracker =
        RoundResume.tracker(
            2,
            List.of(kill("order-b", "2026-11-26T10:00:00.400Z")),
            List.of(survivor, replacement));

    assertThat(tracker.recovered()).isTrue();
    RecoveryTracker.Kill kill = tracker.kills().get(0);
    assertThat(kill.replacement()).contains("order-c");
    assertThat(kill.recoverySeconds())
        .hasValueSatisfying(s -> assertThat(s).isCloseTo(0.0, within(1e-9)));
  }

  private static KillStatus kill(String pod, String at) {
    KillStatus kill = new KillStatus();
    kill.setRound(1);
    kill.setPod(pod);
    kill.setUid("uid-" + pod);
    kill.setKilledAt(at);
    return kill;
  }

  /** A Ready pod of the target, with the API server's timestamps. */
  private static Pod pod(String name, String created, String ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid("uid-" + name)
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .withLastTransitionTime(created)
        .endCondition()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .withLastTransitionTime(ready)
        .endCondition()
        .addNewContainerStatus()
        .withName("app")
        .withNewState()
        .withNewRunning(created)
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }
}
