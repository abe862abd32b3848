package io.chaoslab.operator.chaos;

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

  /** Counts toward the workload's Ready pods: Ready and not on its way out. */
  boolean serving() {
    return ready && !terminating;
  }
}
