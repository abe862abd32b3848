package io.chaoslab.operator.chaos;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The recovery timeline of one round of kills, built from what the watches report, in the order
 * they report it. It knows nothing of Kubernetes clients or threads: the engine feeds it pod
 * states, endpoint addresses and the kills, each with the instant it was observed.
 *
 * <p>Each kill gets the first pod that appears after it (new UID) as its replacement, in the order
 * of the kills. The replacement's {@code scheduledAt}, {@code startedAt}, {@code readyAt} and
 * {@code servingAt} are the first observations of each state. The round has recovered when, after
 * its last kill, the workload again has {@code desiredReady} serving pods (Ready and not
 * terminating); every kill's {@code recoverySeconds} counts from that kill to that moment.
 */
public final class RecoveryTracker {
  private final int desiredReady;
  private final Set<String> knownUids = new HashSet<>();
  private final Map<String, PodState> pods = new LinkedHashMap<>();
  private final List<Kill> kills = new ArrayList<>();
  private final Deque<Kill> awaitingReplacement = new ArrayDeque<>();
  private final Map<String, Kill> byReplacementUid = new HashMap<>();
  private Set<String> servingNames = Set.of();
  private Instant recoveredAt;

  /** One killed pod and the timeline of its replacement; times are empty until observed. */
  public static final class Kill {
    final String pod;
    final String uid;
    Instant killedAt;
    String replacement;
    Instant createdAt;
    Instant scheduledAt;
    Instant startedAt;
    Instant readyAt;
    Instant servingAt;
    Instant recoveredAt;

    Kill(String pod, String uid, Instant killedAt) {
      this.pod = pod;
      this.uid = uid;
      this.killedAt = killedAt;
    }

    public String pod() {
      return pod;
    }

    public String uid() {
      return uid;
    }

    public Instant killedAt() {
      return killedAt;
    }

    public Optional<String> replacement() {
      return Optional.ofNullable(replacement);
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

    /** Seconds from the kill until the workload was back at its desired Ready pods. */
    public Optional<Double> recoverySeconds() {
      return Optional.ofNullable(recoveredAt)
          .map(at -> Duration.between(killedAt, at).toNanos() / 1e9);
    }
  }

  /**
   * @param desiredReady the workload's desired number of Ready pods
   * @param podsBeforeTheKills the target's pods when the round starts (their UIDs are not
   *     replacements)
   */
  public RecoveryTracker(int desiredReady, List<PodState> podsBeforeTheKills) {
    this.desiredReady = desiredReady;
    for (PodState pod : podsBeforeTheKills) {
      knownUids.add(pod.uid());
      pods.put(pod.uid(), pod);
    }
  }

  /** A tracker for a round that starts now, with these pods of the target. */
  static RecoveryTracker before(int desiredReady, List<Pod> pods) {
    return new RecoveryTracker(desiredReady, pods.stream().map(PodState::of).toList());
  }

  /**
   * A pod was deleted or evicted at {@code at}. The engine calls this just before it sends the
   * request, so that a replacement seen on the watch before the response arrives is already matched
   * to this kill; then {@link #accepted} or {@link #refused}.
   */
  public synchronized void killed(String pod, String uid, Instant at) {
    Kill kill = new Kill(pod, uid, at);
    kills.add(kill);
    awaitingReplacement.add(kill);
    recoveredAt = null; // a kill reopens the round
    PodState known = pods.get(uid);
    if (known != null) {
      pods.put(
          uid, new PodState(uid, pod, known.scheduled(), known.started(), known.ready(), true));
    }
  }

  /** The API server accepted the kill of {@code uid}: the kill counts from {@code at}. */
  public synchronized void accepted(String uid, Instant at) {
    kills.stream().filter(k -> k.uid.equals(uid)).forEach(k -> k.killedAt = at);
  }

  /**
   * The API server refused the kill of {@code uid} (a disruption budget, or the pod was gone): it
   * is forgotten, and the pod counts as it did before.
   */
  public synchronized void refused(String uid) {
    Kill kill = kills.stream().filter(k -> k.uid.equals(uid)).findFirst().orElse(null);
    if (kill == null) {
      return;
    }
    kills.remove(kill);
    awaitingReplacement.remove(kill);
    PodState known = pods.get(uid);
    if (known != null) {
      pods.put(
          uid,
          new PodState(uid, kill.pod, known.scheduled(), known.started(), known.ready(), false));
    }
  }

  /** A watch showed this pod in this state at {@code at}. */
  public synchronized void observed(PodState pod, Instant at) {
    pods.put(pod.uid(), pod);
    if (knownUids.add(pod.uid()) && !awaitingReplacement.isEmpty()) {
      Kill kill = awaitingReplacement.poll();
      kill.replacement = pod.name();
      kill.createdAt = at;
      byReplacementUid.put(pod.uid(), kill);
    }
    Kill kill = byReplacementUid.get(pod.uid());
    if (kill != null) {
      if (pod.scheduled() && kill.scheduledAt == null) {
        kill.scheduledAt = at;
      }
      if (pod.started() && kill.startedAt == null) {
        kill.startedAt = at;
      }
      if (pod.ready() && kill.readyAt == null) {
        kill.readyAt = at;
      }
      markServing(kill, at);
    }
    checkRecovered(at);
  }

  /** A pod is gone from the API (its deletion finished). */
  public synchronized void removed(String uid, Instant at) {
    pods.remove(uid);
    checkRecovered(at);
  }

  /** The names of the pods that are ready addresses in the Service's EndpointSlices now. */
  public synchronized void endpoints(Set<String> readyPodNames, Instant at) {
    servingNames = Set.copyOf(readyPodNames);
    byReplacementUid.values().forEach(kill -> markServing(kill, at));
  }

  private void markServing(Kill kill, Instant at) {
    if (kill.servingAt == null && servingNames.contains(kill.replacement)) {
      kill.servingAt = at;
    }
  }

  private void checkRecovered(Instant at) {
    if (kills.isEmpty() || recoveredAt != null) {
      return;
    }
    long serving = pods.values().stream().filter(PodState::serving).count();
    if (serving >= desiredReady) {
      recoveredAt = at;
      for (Kill kill : kills) {
        if (kill.recoveredAt == null) {
          kill.recoveredAt = at;
        }
      }
    }
  }

  public synchronized boolean recovered() {
    return recoveredAt != null;
  }

  public synchronized List<Kill> kills() {
    return List.copyOf(kills);
  }
}
