package io.chaoslab.operator.testing;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the ReplicaSet and StatefulSet controllers, the scheduler, the kubelet, the EndpointSlice
 * controller and the disruption controller against fabric8's mock API server (CRUD mode), for the
 * workloads a test hands it. It creates their pods Ready, keeps workload status, EndpointSlices and
 * PodDisruptionBudget status current, and when a pod goes it brings up a replacement step by step
 * after the delays of the workload's {@link PodLifecycle}, recording the truth ({@link KillTruth}).
 *
 * <pre>{@code
 * try (FakeWorkloads cluster = FakeWorkloads.start(client, server)) {
 *   FakeWorkload order = cluster.deployment("shop", "demo-order")
 *       .delays(ms(100), ms(200), ms(400), ms(900), ms(1000))
 *       .start();
 *   client.pods().inNamespace("shop").withName(order.pods().get(0)).delete();
 *   KillTruth truth = order.kills().get(0).awaitServing(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>What the mock does, and what the fixture does about it:
 *
 * <ul>
 *   <li><b>DELETE</b> removes a pod at once whatever the grace period (the mock never reads the
 *       request body). A pod with a finalizer is only marked ({@code deletionTimestamp}, second
 *       precision) until the finalizer goes: {@link PodLifecycle#withTerminationGrace} uses that to
 *       keep a deleted pod terminating for a grace period chosen per workload.
 *   <li><b>Eviction</b> ({@code pods/NAME/eviction}): the CRUD mock answers 409 "Eviction 'NAME'
 *       already exists" and touches nothing. Given the {@link KubernetesMockServer} (mixed mode:
 *       {@code @EnableKubernetesMockClient(crud = true)}), the fixture registers an expectation per
 *       pod that admits the eviction (201, pod deleted moments later) or refuses it with 429 when a
 *       PodDisruptionBudget has no disruption left, as the API server does. Without the server
 *       (e.g. {@link MockCluster}, whose dispatcher is not mixed) evictions stay unsupported.
 *   <li><b>Timestamps</b>: the mock stamps {@code creationTimestamp} with second precision; the
 *       fixture's own timestamps (conditions, {@code startedAt}) carry milliseconds.
 * </ul>
 *
 * <p>All writes happen on one thread of the fixture; {@link #close()} stops it and the watch.
 */
public final class FakeWorkloads implements AutoCloseable {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  final Object lock = new Object();
  final KubernetesClient client;
  private final KubernetesMockServer server;
  private final ScheduledExecutorService executor;
  private final List<FakeWorkload> workloads = new CopyOnWriteArrayList<>();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final AtomicInteger ips = new AtomicInteger();
  private final AtomicInteger evictionsRefused = new AtomicInteger();
  private final ClusterWrites writes;
  private final Watch watch;

  private FakeWorkloads(KubernetesClient client, KubernetesMockServer server) {
    this.client = client;
    this.server = server;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("fake-workloads").daemon().unstarted(r));
    this.writes = new ClusterWrites(client, lock);
    this.watch = client.pods().inAnyNamespace().watch(new PodWatcher());
  }

  /** A fixture on this client; evictions are not supported (see the class comment). */
  public static FakeWorkloads start(KubernetesClient client) {
    return new FakeWorkloads(client, null);
  }

  /** A fixture that also answers evictions, honouring PodDisruptionBudgets. */
  public static FakeWorkloads start(KubernetesClient client, KubernetesMockServer server) {
    return new FakeWorkloads(client, Objects.requireNonNull(server));
  }

  /** Runs the Deployment {@code name} (it must exist): pods owned by a ReplicaSet-like owner. */
  public Setup deployment(String namespace, String name) {
    return new Setup(FakeWorkload.Kind.DEPLOYMENT, namespace, name);
  }

  /** Runs the StatefulSet {@code name} (it must exist): pods {@code name-0 ... name-(n-1)}. */
  public Setup statefulSet(String namespace, String name) {
    return new Setup(FakeWorkload.Kind.STATEFUL_SET, namespace, name);
  }

  /** Runs a bare set of {@code replicas} pods named {@code name-xxxxx} with these labels. */
  public Setup selector(String namespace, String name, Map<String, String> labels, int replicas) {
    Setup setup = new Setup(FakeWorkload.Kind.SELECTOR, namespace, name);
    setup.labels = Map.copyOf(labels);
    setup.replicas = replicas;
    return setup;
  }

  /** Evictions refused with 429 so far. */
  public int evictionsRefused() {
    return evictionsRefused.get();
  }

  /** Failures of the fixture's own writes (a test may assert there were none). */
  public List<Throwable> errors() {
    return List.copyOf(errors);
  }

  /** Chooses how one workload's replacements come up, then starts it. */
  public final class Setup {
    private final FakeWorkload.Kind kind;
    private final String namespace;
    private final String name;
    private PodLifecycle lifecycle = PodLifecycle.FAST;
    private Map<String, String> labels;
    private int replicas;

    private Setup(FakeWorkload.Kind kind, String namespace, String name) {
      this.kind = kind;
      this.namespace = namespace;
      this.name = name;
    }

    /** Each step's delay from the deletion: created, scheduled, started, Ready, serving. */
    public Setup delays(
        Duration created, Duration scheduled, Duration started, Duration ready, Duration serving) {
      lifecycle =
          new PodLifecycle(
              created,
              scheduled,
              started,
              ready,
              serving,
              lifecycle.neverReady(),
              lifecycle.terminationGrace());
      return this;
    }

    /** Replacements start but never turn Ready. */
    public Setup neverReady() {
      lifecycle = lifecycle.neverReadyReplacement();
      return this;
    }

    /** A deleted pod stays terminating (still Ready) this long before it is gone. */
    public Setup terminationGrace(Duration grace) {
      lifecycle = lifecycle.withTerminationGrace(grace);
      return this;
    }

    public Setup lifecycle(PodLifecycle lifecycle) {
      this.lifecycle = Objects.requireNonNull(lifecycle);
      return this;
    }

    /** Creates the pods (Ready), the status, the EndpointSlices; returns once written. */
    public FakeWorkload start() {
      FakeWorkload workload = describe();
      return call(() -> startPods(workload));
    }

    private FakeWorkload describe() {
      return switch (kind) {
        case DEPLOYMENT -> {
          Deployment d =
              Objects.requireNonNull(
                  client.apps().deployments().inNamespace(namespace).withName(name).get(),
                  "no Deployment " + namespace + "/" + name);
          ReplicaSet rs = replicaSetFor(d);
          Map<String, String> podLabels =
              new HashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
          podLabels.put("pod-template-hash", rs.getMetadata().getLabels().get("pod-template-hash"));
          yield new FakeWorkload(
              lock,
              kind,
              namespace,
              name,
              replicasOf(d.getSpec().getReplicas()),
              Map.copyOf(podLabels),
              d.getSpec().getTemplate().getSpec(),
              List.of(ownerOf(rs, "ReplicaSet")),
              rs.getMetadata().getName(),
              lifecycle);
        }
        case STATEFUL_SET -> {
          StatefulSet s =
              Objects.requireNonNull(
                  client.apps().statefulSets().inNamespace(namespace).withName(name).get(),
                  "no StatefulSet " + namespace + "/" + name);
          yield new FakeWorkload(
              lock,
              kind,
              namespace,
              name,
              replicasOf(s.getSpec().getReplicas()),
              Map.copyOf(s.getSpec().getTemplate().getMetadata().getLabels()),
              s.getSpec().getTemplate().getSpec(),
              List.of(ownerOf(s, "StatefulSet")),
              name + "-",
              lifecycle);
        }
        case SELECTOR ->
            new FakeWorkload(
                lock,
                kind,
                namespace,
                name,
                replicas,
                labels,
                new PodSpecBuilder()
                    .withContainers(
                        new ContainerBuilder().withName("app").withImage("fake:latest").build())
                    .build(),
                List.of(),
                name,
                lifecycle);
      };
    }
  }

  private static int replicasOf(Integer replicas) {
    return replicas == null ? 1 : replicas;
  }

  private ReplicaSet replicaSetFor(Deployment d) {
    String hash =
        Integer.toHexString(Objects.hash(d.getMetadata().getUid(), d.getMetadata().getName()));
    hash = hash.length() > 10 ? hash.substring(0, 10) : hash;
    Map<String, String> labels = new HashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
    labels.put("pod-template-hash", hash);
    ReplicaSet rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName(d.getMetadata().getName() + "-" + hash)
            .withNamespace(d.getMetadata().getNamespace())
            .withLabels(labels)
            .withOwnerReferences(ownerOf(d, "Deployment"))
            .endMetadata()
            .withNewSpec()
            .withReplicas(d.getSpec().getReplicas())
            .withNewSelector()
            .withMatchLabels(labels)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withSpec(d.getSpec().getTemplate().getSpec())
            .endTemplate()
            .endSpec()
            .build();
    ReplicaSet existing =
        client
            .apps()
            .replicaSets()
            .inNamespace(rs.getMetadata().getNamespace())
            .withName(rs.getMetadata().getName())
            .get();
    return existing != null ? existing : client.resource(rs).create();
  }

  private static OwnerReference ownerOf(HasMetadata owner, String kind) {
    return new OwnerReferenceBuilder()
        .withApiVersion("apps/v1")
        .withKind(kind)
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  // ---- the controllers (on the fixture's thread) ----

  private FakeWorkload startPods(FakeWorkload workload) {
    workloads.add(workload);
    Instant now = workload.now();
    for (int i = 0; i < workload.replicas; i++) {
      FakePod pod;
      synchronized (lock) {
        pod = newPod(workload, null);
        pod.createdAt = now;
        pod.scheduledAt = now;
        pod.startedAt = now;
        pod.readyAt = now;
        pod.servingAt = now;
        workload.pods.add(pod);
      }
      createPod(workload, pod);
    }
    sync(workload.namespace);
    return workload;
  }

  private FakePod newPod(FakeWorkload workload, KillTruth replacing) {
    int n = ips.incrementAndGet();
    return new FakePod(
        workload.namespace,
        workload.nextPodName(replacing),
        workload.podLabels,
        "fake-node-" + (n % 3 + 1),
        "10.244." + (n / 250) + "." + (n % 250 + 2));
  }

  private void createPod(FakeWorkload workload, FakePod pod) {
    boolean finalizer = !workload.lifecycle.terminationGrace().isZero();
    Pod created =
        client.resource(pod.toPod(workload.template, workload.owners, finalizer)).create();
    synchronized (lock) {
      pod.uid = created.getMetadata().getUid();
    }
    if (server != null) {
      server
          .expect()
          .post()
          .withPath("/api/v1/namespaces/%s/pods/%s/eviction".formatted(pod.namespace, pod.name))
          .andReply(new EvictionResponder(this, pod.namespace, pod.name))
          .always();
    }
  }

  /** The pod went (deleted, evicted, or terminating): start its replacement. Holds the lock. */
  KillTruth kill(FakeWorkload workload, FakePod pod, KillTruth.Cause cause, Instant at) {
    Duration grace = workload.lifecycle.terminationGrace();
    if (grace.isZero()) {
      pod.gone = true;
    } else {
      pod.terminating = true;
    }
    KillTruth truth = new KillTruth(workload.name, pod.name, pod.uid, cause, at);
    workload.kills.add(truth);
    lock.notifyAll();
    long elapsed = Duration.between(at, Instant.now()).toNanos();
    if (!grace.isZero()) {
      schedule(elapsed, grace, () -> finishTermination(pod));
    }
    PodLifecycle steps = workload.replacementLifecycle();
    schedule(elapsed, steps.created(), () -> createReplacements(workload, truth));
    schedule(elapsed, steps.scheduled(), () -> step(workload, truth, Step.SCHEDULED));
    schedule(elapsed, steps.started(), () -> step(workload, truth, Step.STARTED));
    if (!steps.neverReady()) {
      schedule(elapsed, steps.ready(), () -> step(workload, truth, Step.READY));
      schedule(elapsed, steps.serving(), () -> step(workload, truth, Step.SERVING));
    }
    execute(() -> sync(workload.namespace));
    return truth;
  }

  /**
   * Creates the replacement of {@code truth}, after those of the workload's earlier kills that have
   * none yet. Pods deleted by one request go within microseconds of each other, and the executor
   * may run their replacements' equal delays in either order; the order of creation is what pairs
   * each kill with its replacement (for the operator as for the truth). A StatefulSet's replacement
   * has its predecessor's name and waits for it to go, so only its own kill counts there.
   */
  private void createReplacements(FakeWorkload workload, KillTruth truth) {
    List<KillTruth> due;
    synchronized (lock) {
      List<KillTruth> upTo =
          workload.kind == FakeWorkload.Kind.STATEFUL_SET
              ? List.of(truth)
              : workload.kills.subList(0, workload.kills.indexOf(truth) + 1);
      due = upTo.stream().filter(k -> !workload.replacements.containsKey(k)).toList();
    }
    due.forEach(kill -> createReplacement(workload, kill));
  }

  private void createReplacement(FakeWorkload workload, KillTruth truth) {
    FakePod pod;
    synchronized (lock) {
      pod = newPod(workload, truth);
      pod.createdAt = workload.now();
      workload.pods.add(pod);
      workload.replacements.put(truth, pod);
    }
    createPod(workload, pod);
    truth.created(pod.name, pod.uid, pod.createdAt);
    sync(workload.namespace);
  }

  private enum Step {
    SCHEDULED,
    STARTED,
    READY,
    SERVING
  }

  private void step(FakeWorkload workload, KillTruth truth, Step step) {
    Instant at = workload.now();
    FakePod pod;
    synchronized (lock) {
      pod = workload.replacements.get(truth);
      if (pod.gone) {
        return;
      }
      switch (step) {
        case SCHEDULED -> pod.scheduledAt = at;
        case STARTED -> pod.startedAt = at;
        case READY -> pod.readyAt = at;
        case SERVING -> pod.servingAt = at;
      }
    }
    if (step != Step.SERVING) {
      // A JSON patch replacing the whole status: the mock's merge patch appends to lists.
      List<Map<String, Object>> patch = new ArrayList<>();
      patch.add(
          Map.of(
              "op",
              "add",
              "path",
              "/status",
              "value",
              pod.status(workload.template.getContainers())));
      if (step == Step.SCHEDULED) {
        patch.add(Map.of("op", "add", "path", "/spec/nodeName", "value", pod.node));
      }
      client
          .pods()
          .inNamespace(pod.namespace)
          .withName(pod.name)
          .patch(
              PatchContext.of(PatchType.JSON), client.getKubernetesSerialization().asJson(patch));
    }
    sync(workload.namespace);
    switch (step) {
      case SCHEDULED -> truth.scheduled(at);
      case STARTED -> truth.started(at);
      case READY -> truth.ready(at);
      case SERVING -> truth.serving(at);
    }
  }

  private void finishTermination(FakePod pod) {
    synchronized (lock) {
      pod.gone = true;
    }
    client
        .pods()
        .inNamespace(pod.namespace)
        .withName(pod.name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
    sync(pod.namespace);
  }

  /** Deletes an evicted pod through the API (the eviction already counted it as gone). */
  void deleteEvicted(FakePod pod) {
    execute(() -> client.pods().inNamespace(pod.namespace).withName(pod.name).delete());
  }

  private void onPodEvent(Watcher.Action action, Pod pod, Instant at) {
    String namespace = pod.getMetadata().getNamespace();
    boolean deleted = action == Watcher.Action.DELETED;
    boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
    if (!deleted && !terminating) {
      return;
    }
    synchronized (lock) {
      for (FakeWorkload workload : workloads) {
        if (!workload.namespace.equals(namespace)) {
          continue;
        }
        FakePod known = workload.findAny(pod.getMetadata().getName(), pod.getMetadata().getUid());
        if (known == null) {
          continue;
        }
        if (known.active()) {
          kill(workload, known, KillTruth.Cause.DELETED, at);
        }
        if (deleted) {
          known.gone = true;
          workload.pods.remove(known);
        }
      }
    }
    sync(namespace);
  }

  /** Finds the pod an eviction names, among the pods the fixture runs. Holds the lock. */
  FakeWorkload workloadOf(String namespace, String podName) {
    for (FakeWorkload workload : workloads) {
      if (workload.namespace.equals(namespace) && workload.find(podName, null) != null) {
        return workload;
      }
    }
    return null;
  }

  List<FakeWorkload> workloadsIn(String namespace) {
    return workloads.stream().filter(w -> w.namespace.equals(namespace)).toList();
  }

  ClusterWrites writes() {
    return writes;
  }

  void refused() {
    evictionsRefused.incrementAndGet();
  }

  private void sync(String namespace) {
    writes.sync(namespace, workloadsIn(namespace));
  }

  // ---- the thread ----

  /**
   * Runs {@code task} {@code delay} after an instant {@code elapsedNanos} ago. Tasks of one kill
   * share the same {@code elapsedNanos} and are scheduled in step order, so equal delays run in
   * that order too.
   */
  private void schedule(long elapsedNanos, Duration delay, Runnable task) {
    long wait = delay.toNanos() - elapsedNanos;
    try {
      executor.schedule(guarded(task), Math.max(0, wait), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  private void execute(Runnable task) {
    try {
      executor.execute(guarded(task));
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  private <T> T call(java.util.concurrent.Callable<T> task) {
    try {
      return executor.submit(task).get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("fake workload failed to start", e.getCause());
    } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
      throw new IllegalStateException("fake workload did not start within 30 s", e);
    }
  }

  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        if (!executor.isShutdown()) {
          errors.add(e);
        }
      }
    };
  }

  private final class PodWatcher implements Watcher<Pod> {
    @Override
    public void eventReceived(Action action, Pod pod) {
      Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      execute(() -> onPodEvent(action, pod, at));
    }

    @Override
    public void onClose(WatcherException cause) {
      if (cause != null && !executor.isShutdown()) {
        errors.add(cause);
      }
    }
  }

  @Override
  public void close() {
    watch.close();
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("fake workloads thread did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  List<FakeWorkload> workloads() {
    return new ArrayList<>(workloads);
  }
}
