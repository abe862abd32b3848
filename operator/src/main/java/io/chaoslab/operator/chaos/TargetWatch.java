package io.chaoslab.operator.chaos;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The target's pods and the namespace's ready endpoints, kept current by two informers (list, then
 * watch), and handed to the round's {@link RecoveryTracker} as they change, each change stamped
 * with the instant its watch event arrived. Those instants are the measurement: watch events reach
 * the operator within milliseconds of the API server's write, while the API server's own timestamps
 * on pods and conditions have whole seconds.
 */
final class TargetWatch implements AutoCloseable {
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

  private final Object lock = new Object();
  private final Map<String, Pod> pods = new HashMap<>();
  private final Map<String, Set<String>> readyBySlice = new HashMap<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private RecoveryTracker tracker;

  private TargetWatch() {}

  /** Watches the pods {@code selector} matches and the EndpointSlices of {@code namespace}. */
  static TargetWatch start(KubernetesClient client, String namespace, LabelSelector selector) {
    TargetWatch watch = new TargetWatch();
    try {
      watch.run(
          client.pods().inNamespace(namespace).withLabelSelector(selector).runnableInformer(0),
          watch.new PodHandler());
      watch.run(
          client.discovery().v1().endpointSlices().inNamespace(namespace).runnableInformer(0),
          watch.new SliceHandler());
      return watch;
    } catch (RuntimeException e) {
      watch.close();
      throw e;
    }
  }

  private <T> void run(SharedIndexInformer<T> informer, ResourceEventHandler<T> handler) {
    informers.add(informer);
    informer.addEventHandler(handler);
    try {
      informer.start().toCompletableFuture().get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the target", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not list and watch the target: " + e, e);
    }
  }

  /** The target's pods now. */
  List<Pod> pods() {
    synchronized (lock) {
      return List.copyOf(pods.values());
    }
  }

  /** The target's pods that are Ready and not terminating, now. */
  List<Pod> servingPods() {
    return pods().stream().filter(p -> PodState.of(p).serving()).toList();
  }

  /**
   * A tracker made from the pods now, and from then on every change goes to it: made and attached
   * under the lock, so no event falls between the snapshot and the tracking. It first gets the
   * ready endpoints.
   */
  RecoveryTracker track(Function<List<Pod>, RecoveryTracker> fromPods) {
    synchronized (lock) {
      tracker = fromPods.apply(List.copyOf(pods.values()));
      tracker.endpoints(readyEndpoints(), Instant.now());
      return tracker;
    }
  }

  /** Whether some pod of the target is a ready address in an EndpointSlice now. */
  boolean behindAService() {
    synchronized (lock) {
      Set<String> endpoints = readyEndpoints();
      return pods.values().stream().anyMatch(p -> endpoints.contains(p.getMetadata().getName()));
    }
  }

  /** Changes go to nobody from now on. */
  void untrack() {
    synchronized (lock) {
      tracker = null;
    }
  }

  /**
   * Waits until {@code done} holds (checked after every change) or {@code deadline} passes; true if
   * it holds.
   */
  boolean await(BooleanSupplier done, Instant deadline) throws InterruptedException {
    synchronized (lock) {
      while (!done.getAsBoolean()) {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.min(left, 1000));
      }
      return true;
    }
  }

  private Set<String> readyEndpoints() {
    Set<String> names = new HashSet<>();
    readyBySlice.values().forEach(names::addAll);
    return names;
  }

  private final class PodHandler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      updated(pod);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
      updated(pod);
    }

    private void updated(Pod pod) {
      Instant at = Instant.now();
      synchronized (lock) {
        pods.put(pod.getMetadata().getUid(), pod);
        if (tracker != null) {
          tracker.observed(PodState.of(pod), at);
        }
        lock.notifyAll();
      }
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      Instant at = Instant.now();
      synchronized (lock) {
        pods.remove(pod.getMetadata().getUid());
        if (tracker != null) {
          tracker.removed(pod.getMetadata().getUid(), at);
        }
        lock.notifyAll();
      }
    }
  }

  private final class SliceHandler implements ResourceEventHandler<EndpointSlice> {
    @Override
    public void onAdd(EndpointSlice slice) {
      updated(slice);
    }

    @Override
    public void onUpdate(EndpointSlice old, EndpointSlice slice) {
      updated(slice);
    }

    @Override
    public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
      Instant at = Instant.now();
      synchronized (lock) {
        readyBySlice.remove(slice.getMetadata().getName());
        pushEndpoints(at);
      }
    }

    private void updated(EndpointSlice slice) {
      Instant at = Instant.now();
      synchronized (lock) {
        readyBySlice.put(slice.getMetadata().getName(), readyPods(slice.getEndpoints()));
        pushEndpoints(at);
      }
    }

    private void pushEndpoints(Instant at) {
      if (tracker != null) {
        tracker.endpoints(readyEndpoints(), at);
      }
      lock.notifyAll();
    }
  }

  /** Names of the pods behind the ready endpoints (a missing {@code ready} means ready). */
  private static Set<String> readyPods(Collection<Endpoint> endpoints) {
    Set<String> names = new HashSet<>();
    if (endpoints == null) {
      return names;
    }
    for (Endpoint endpoint : endpoints) {
      boolean ready =
          endpoint.getConditions() == null
              || endpoint.getConditions().getReady() == null
              || endpoint.getConditions().getReady();
      if (ready
          && endpoint.getTargetRef() != null
          && "Pod".equals(endpoint.getTargetRef().getKind())) {
        names.add(endpoint.getTargetRef().getName());
      }
    }
    return names;
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
