package io.chaoslab.operator.chaos;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;

/**
 * What the recovery measurement needs to know of one pod of the target, as a watch event showed it:
 * identity, and how far it got (scheduled, containers started, Ready, being deleted).
 */
public record PodState(
    String uid,
    String name,
    boolean scheduled,
    boolean started,
    boolean ready,
    boolean terminating) {

  /**
   * The pod's state: scheduled and Ready by their conditions, started when every container runs.
   */
  public static PodState of(Pod pod) {
    List<ContainerStatus> containers =
        pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            ? List.of()
            : pod.getStatus().getContainerStatuses();
    return new PodState(
        pod.getMetadata().getUid(),
        pod.getMetadata().getName(),
        condition(pod, "PodScheduled").isPresent(),
        !containers.isEmpty()
            && containers.stream()
                .allMatch(c -> c.getState() != null && c.getState().getRunning() != null),
        condition(pod, "Ready").isPresent(),
        pod.getMetadata().getDeletionTimestamp() != null);
  }

  /** The pod's condition of this type when its status is True. */
  static Optional<PodCondition> condition(Pod pod, String type) {
    return pod.getStatus() == null || pod.getStatus().getConditions() == null
        ? Optional.empty()
        : pod.getStatus().getConditions().stream()
            .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
            .findFirst();
  }

  /** Counts toward the workload's Ready pods: Ready and not on its way out. */
  boolean serving() {
    return ready && !terminating;
  }
}
