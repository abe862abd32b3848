package io.chaoslab.operator.testing;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What really happened to one killed pod and its replacement, as the fixture did it: the instants
 * (system clock, millisecond precision) at which it saw the pod go and performed each step. The
 * instant of a step is also the timestamp the fixture wrote into the object (condition {@code
 * lastTransitionTime}, container {@code startedAt}), taken just before the write was sent.
 */
public final class KillTruth {
  /** How the pod went away. */
  public enum Cause {
    /** A DELETE (any grace period) seen on the watch. */
    DELETED,
    /** An eviction the fixture admitted (needs the mock server, see {@link FakeWorkloads}). */
    EVICTED
  }

  private final String workload;
  private final String pod;
  private final String uid;
  private final Cause cause;
  private final Instant killedAt;
  private volatile String replacement;
  private volatile String replacementUid;
  private volatile Instant createdAt;
  private volatile Instant scheduledAt;
  private volatile Instant startedAt;
  private volatile Instant readyAt;
  private volatile Instant servingAt;
  private final CompletableFuture<KillTruth> serving = new CompletableFuture<>();

  KillTruth(String workload, String pod, String uid, Cause cause, Instant killedAt) {
    this.workload = workload;
    this.pod = pod;
    this.uid = uid;
    this.cause = cause;
    this.killedAt = killedAt;
  }

  /** The workload's name (Deployment, StatefulSet or selector workload). */
  public String workload() {
    return workload;
  }

  /** The killed pod's name. */
  public String pod() {
    return pod;
  }

  /** The killed pod's UID. */
  public String uid() {
    return uid;
  }

  public Cause cause() {
    return cause;
  }

  /** When the fixture saw the deletion (watch event received) or admitted the eviction. */
  public Instant killedAt() {
    return killedAt;
  }

  /** The replacement's name, once created. */
  public Optional<String> replacement() {
    return Optional.ofNullable(replacement);
  }

  public Optional<String> replacementUid() {
    return Optional.ofNullable(replacementUid);
  }

  public Optional<Instant> createdAt() {
    return Optional.ofNullable(createdAt);
  }

  public Optional<Instant> scheduledAt() {
    return Optional.ofNullable(scheduledAt);
  }

  public Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  public Optional<Instant> readyAt() {
    return Optional.ofNullable(readyAt);
  }

  public Optional<Instant> servingAt() {
    return Optional.ofNullable(servingAt);
  }

  /** Waits until the replacement serves in the endpoints; fails after {@code timeout}. */
  public KillTruth awaitServing(java.time.Duration timeout) {
    try {
      return serving.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("replacement of " + pod + " not serving within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  void created(String name, String newUid, Instant at) {
    replacement = name;
    replacementUid = newUid;
    createdAt = at;
  }

  void scheduled(Instant at) {
    scheduledAt = at;
  }

  void started(Instant at) {
    startedAt = at;
  }

  void ready(Instant at) {
    readyAt = at;
  }

  void serving(Instant at) {
    servingAt = at;
    serving.complete(this);
  }

  @Override
  public String toString() {
    return "KillTruth[%s %s %s at %s -> %s created=%s scheduled=%s started=%s ready=%s serving=%s]"
        .formatted(
            cause,
            pod,
            uid,
            killedAt,
            replacement,
            createdAt,
            scheduledAt,
            startedAt,
            readyAt,
            servingAt);
  }
}
