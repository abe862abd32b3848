package io.chaoslab.operator.testing;

import java.time.Duration;
import java.util.List;

/**
 * How a workload's replacement pods come up, as the test chooses: each step's delay is measured
 * from the instant the fixture saw the old pod go (deleted, evicted, or marked terminating).
 *
 * @param created the ReplicaSet (or StatefulSet) controller creates the replacement
 * @param scheduled the scheduler binds it ({@code spec.nodeName}, PodScheduled=True)
 * @param started the kubelet starts its containers (phase Running, {@code startedAt}, pod IP)
 * @param ready the readiness probe passes (ContainersReady=True, Ready=True)
 * @param serving the EndpointSlice controller adds it as a ready endpoint
 * @param neverReady the replacement starts but never turns Ready (nor serves)
 * @param terminationGrace how long a deleted pod stays terminating (deletionTimestamp set, still
 *     Ready, an endpoint that is {@code serving} but not {@code ready}); zero: gone at once
 */
public record PodLifecycle(
    Duration created,
    Duration scheduled,
    Duration started,
    Duration ready,
    Duration serving,
    boolean neverReady,
    Duration terminationGrace) {

  /** Replacements appear and serve within a few tens of milliseconds. */
  public static final PodLifecycle FAST =
      new PodLifecycle(
          Duration.ofMillis(10),
          Duration.ofMillis(20),
          Duration.ofMillis(30),
          Duration.ofMillis(40),
          Duration.ofMillis(50),
          false,
          Duration.ZERO);

  public PodLifecycle {
    List<Duration> steps = List.of(created, scheduled, started, ready, serving);
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).isNegative()) {
        throw new IllegalArgumentException("negative delay: " + steps);
      }
      if (i > 0 && steps.get(i).compareTo(steps.get(i - 1)) < 0) {
        throw new IllegalArgumentException(
            "delays must not decrease (created <= scheduled <= started <= ready <= serving): "
                + steps);
      }
    }
    if (terminationGrace.isNegative()) {
      throw new IllegalArgumentException("negative termination grace: " + terminationGrace);
    }
  }

  /** Steps after these delays (each from the deletion). */
  public static PodLifecycle delays(
      Duration created, Duration scheduled, Duration started, Duration ready, Duration serving) {
    return new PodLifecycle(created, scheduled, started, ready, serving, false, Duration.ZERO);
  }

  /** Steps after these delays in milliseconds (each from the deletion). */
  public static PodLifecycle delaysMillis(
      long created, long scheduled, long started, long ready, long serving) {
    return delays(
        Duration.ofMillis(created),
        Duration.ofMillis(scheduled),
        Duration.ofMillis(started),
        Duration.ofMillis(ready),
        Duration.ofMillis(serving));
  }

  /** The same, but the replacement never turns Ready: a workload that never recovers. */
  public PodLifecycle neverReadyReplacement() {
    return new PodLifecycle(created, scheduled, started, ready, serving, true, terminationGrace);
  }

  /**
   * The same, but a deleted pod stays terminating for {@code grace}. The mock ignores the grace
   * period of a DELETE, so this is per workload, not per request (see {@link FakeWorkloads}).
   */
  public PodLifecycle withTerminationGrace(Duration grace) {
    return new PodLifecycle(created, scheduled, started, ready, serving, neverReady, grace);
  }

  /** Every step at least {@code floor} after the deletion (a StatefulSet's same-name pod). */
  PodLifecycle notBefore(Duration floor) {
    return new PodLifecycle(
        max(created, floor),
        max(scheduled, floor),
        max(started, floor),
        max(ready, floor),
        max(serving, floor),
        neverReady,
        terminationGrace);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
