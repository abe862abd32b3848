package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.KillStatus;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rebuilds the tracker of a round an earlier operator started and did not finish. The kills come
 * from the status; what happened to the replacements while no operator watched is read from the API
 * server's own timestamps on the pods (creation, PodScheduled, containers' {@code startedAt},
 * Ready), replayed in time order, so a workload that recovered meanwhile recovered at its Ready
 * time, not at the restart. Those timestamps have whole seconds on a real API server: a round
 * measured across a restart is exact to the second, not to the millisecond.
 */
final class RoundResume {
  private RoundResume() {}

  private record Step(Instant at, PodState state) {}

  static RecoveryTracker tracker(int desiredReady, List<KillStatus> entries, List<Pod> pods) {
    List<KillStatus> killed =
        entries.stream()
            .filter(e -> e.getRefused() == null && e.getKilledAt() != null)
            .sorted(Comparator.comparing(e -> Instant.parse(e.getKilledAt())))
            .toList();
    Set<String> killedUids = killed.stream().map(KillStatus::getUid).collect(Collectors.toSet());
    Instant firstKill = killed.isEmpty() ? Instant.MAX : Instant.parse(killed.get(0).getKilledAt());
    // creation timestamps have whole seconds: a pod created in the second of the first kill may be
    // a replacement
    Instant floor = firstKill.truncatedTo(ChronoUnit.SECONDS);
    List<Pod> before = new ArrayList<>();
    List<Pod> replacements = new ArrayList<>();
    for (Pod pod : pods) {
      // a pod Ready before the first kill is no replacement, even when created in its second; a
      // Ready time of exactly that whole second (the API server's precision) does not tell
      boolean replacement =
          !killedUids.contains(pod.getMetadata().getUid())
              && !created(pod).isBefore(floor)
              && time(PodState.condition(pod, "Ready"))
                  .map(t -> !t.isBefore(firstKill) || t.equals(floor))
                  .orElse(true);
      (replacement ? replacements : before).add(pod);
    }
    RecoveryTracker tracker = RecoveryTracker.before(desiredReady, before);
    for (KillStatus kill : killed) {
      tracker.killed(kill.getPod(), kill.getUid(), Instant.parse(kill.getKilledAt()));
    }
    replacements.stream()
        .sorted(Comparator.comparing(RoundResume::created))
        .flatMap(pod -> steps(pod, firstKill).stream())
        .sorted(Comparator.comparing(Step::at))
        .forEach(step -> tracker.observed(step.state(), step.at()));
    return tracker;
  }

  /**
   * The replacement's history as far as its timestamps tell, each step no earlier than the one
   * before, nor than the first kill (a whole-second timestamp may fall before it).
   */
  private static List<Step> steps(Pod pod, Instant firstKill) {
    PodState now = PodState.of(pod);
    String uid = now.uid();
    String name = now.name();
    List<Step> steps = new ArrayList<>();
    Instant at = later(firstKill, Optional.of(created(pod)));
    steps.add(new Step(at, new PodState(uid, name, false, false, false, false)));
    if (now.scheduled()) {
      at = later(at, time(PodState.condition(pod, "PodScheduled")));
      steps.add(new Step(at, new PodState(uid, name, true, false, false, false)));
    }
    if (now.started()) {
      at = later(at, containersStarted(pod));
      steps.add(new Step(at, new PodState(uid, name, true, true, false, false)));
    }
    if (now.ready()) {
      at = later(at, time(PodState.condition(pod, "Ready")));
      steps.add(new Step(at, new PodState(uid, name, true, true, true, false)));
    }
    return steps;
  }

  private static Instant created(Pod pod) {
    return Instant.parse(pod.getMetadata().getCreationTimestamp());
  }

  private static Optional<Instant> time(Optional<PodCondition> condition) {
    return condition.map(PodCondition::getLastTransitionTime).map(Instant::parse);
  }

  private static Optional<Instant> containersStarted(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream()
        .map(ContainerStatus::getState)
        .map(s -> s.getRunning().getStartedAt())
        .filter(t -> t != null)
        .map(Instant::parse)
        .max(Comparator.naturalOrder());
  }

  private static Instant later(Instant previous, Optional<Instant> at) {
    return at.filter(t -> t.isAfter(previous)).orElse(previous);
  }
}
