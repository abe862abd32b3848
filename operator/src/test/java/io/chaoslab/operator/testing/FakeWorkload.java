package io.chaoslab.operator.testing;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One workload the fixture runs: its pods and the truth about every pod it lost. Made by {@link
 * FakeWorkloads}; its state is guarded by the fixture's lock, its writes happen on the fixture's
 * thread.
 */
public final class FakeWorkload {
  /** What kind of controller the fixture plays for it. */
  public enum Kind {
    DEPLOYMENT,
    STATEFUL_SET,
    SELECTOR
  }

  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  final Kind kind;
  final String namespace;
  final String name;
  final int replicas;
  final Map<String, String> podLabels;
  final PodSpec template;
  final List<OwnerReference> owners;
  final String podPrefix;
  final PodLifecycle lifecycle;
  final List<FakePod> pods = new ArrayList<>();
  final List<KillTruth> kills = new ArrayList<>();

  /** Each kill's replacement, once created. */
  final Map<KillTruth, FakePod> replacements = new HashMap<>();

  private final Object lock;

  FakeWorkload(
      Object lock,
      Kind kind,
      String namespace,
      String name,
      int replicas,
      Map<String, String> podLabels,
      PodSpec template,
      List<OwnerReference> owners,
      String podPrefix,
      PodLifecycle lifecycle) {
    this.lock = lock;
    this.kind = kind;
    this.namespace = namespace;
    this.name = name;
    this.replicas = replicas;
    this.podLabels = podLabels;
    this.template = template;
    this.owners = owners;
    this.podPrefix = podPrefix;
    this.lifecycle = lifecycle;
  }

  public Kind kind() {
    return kind;
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** Desired replicas. */
  public int replicas() {
    return replicas;
  }

  /** The labels every pod carries (the template's, or the selector's). */
  public Map<String, String> podLabels() {
    return podLabels;
  }

  public PodLifecycle lifecycle() {
    return lifecycle;
  }

  /** Names of the pods that count as replicas now (created, neither terminating nor gone). */
  public List<String> pods() {
    synchronized (lock) {
      return pods.stream().filter(FakePod::active).map(p -> p.name).toList();
    }
  }

  /** Names of the pods that are Ready and not terminating. */
  public List<String> readyPods() {
    synchronized (lock) {
      return pods.stream().filter(FakePod::ready).map(p -> p.name).toList();
    }
  }

  /** Ready pods, as the Deployment's {@code readyReplicas} says. */
  public int readyReplicas() {
    return readyPods().size();
  }

  /** The truth for every pod this workload lost, in the order the fixture saw them go. */
  public List<KillTruth> kills() {
    synchronized (lock) {
      return List.copyOf(kills);
    }
  }

  /** The truth for the killed pod of that name (the latest, for a StatefulSet's reused names). */
  public Optional<KillTruth> kill(String podName) {
    synchronized (lock) {
      for (int i = kills.size() - 1; i >= 0; i--) {
        if (kills.get(i).pod().equals(podName)) {
          return Optional.of(kills.get(i));
        }
      }
      return Optional.empty();
    }
  }

  /** Waits until the fixture has seen {@code podName} go; fails after {@code timeout}. */
  public KillTruth awaitKill(String podName, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        Optional<KillTruth> kill = kill(podName);
        if (kill.isPresent()) {
          return kill.get();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the fixture did not see " + podName + " go within " + timeout);
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  // ---- the model (callers hold the lock) ----

  FakePod find(String podName, String uid) {
    for (FakePod pod : pods) {
      if (pod.name.equals(podName) && !pod.gone && (uid == null || uid.equals(pod.uid))) {
        return pod;
      }
    }
    return null;
  }

  /** The pod with this UID, gone or not. */
  FakePod findAny(String podName, String uid) {
    for (FakePod pod : pods) {
      if (pod.name.equals(podName) && Objects.equals(uid, pod.uid)) {
        return pod;
      }
    }
    return null;
  }

  String nextPodName(KillTruth replacing) {
    if (kind == Kind.STATEFUL_SET && replacing != null) {
      return replacing.pod();
    }
    if (kind == Kind.STATEFUL_SET) {
      return podPrefix + pods.size();
    }
    while (true) {
      StringBuilder name = new StringBuilder(podPrefix).append('-');
      for (int i = 0; i < 5; i++) {
        name.append(NAME_CHARS.charAt(ThreadLocalRandom.current().nextInt(NAME_CHARS.length())));
      }
      String candidate = name.toString();
      if (pods.stream().noneMatch(p -> p.name.equals(candidate))) {
        return candidate;
      }
    }
  }

  /** The replacement's lifecycle: a StatefulSet re-creates the same name only once it is gone. */
  PodLifecycle replacementLifecycle() {
    return kind == Kind.STATEFUL_SET
        ? lifecycle.notBefore(lifecycle.terminationGrace())
        : lifecycle;
  }

  int activeCount() {
    return (int) pods.stream().filter(FakePod::active).count();
  }

  int readyCount() {
    return (int) pods.stream().filter(FakePod::ready).count();
  }

  boolean selects(Map<String, String> selector) {
    return selector != null
        && !selector.isEmpty()
        && podLabels.entrySet().containsAll(selector.entrySet());
  }

  /** The status the controller writes: replicas, ready, available, updated. */
  Map<String, Object> status(long observedGeneration) {
    int active = activeCount();
    int ready = readyCount();
    return switch (kind) {
      case DEPLOYMENT ->
          Map.of(
              "observedGeneration", observedGeneration,
              "replicas", active,
              "updatedReplicas", active,
              "readyReplicas", ready,
              "availableReplicas", ready,
              "unavailableReplicas", Math.max(0, replicas - ready));
      case STATEFUL_SET ->
          Map.of(
              "observedGeneration", observedGeneration,
              "replicas", active,
              "currentReplicas", active,
              "updatedReplicas", active,
              "readyReplicas", ready,
              "availableReplicas", ready);
      case SELECTOR -> Map.of();
    };
  }

  Instant now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }
}
