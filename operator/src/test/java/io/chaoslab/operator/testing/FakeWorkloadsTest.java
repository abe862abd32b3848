package io.chaoslab.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class FakeWorkloadsTest {
  private static final String NS = "shop";
  private static final Map<String, String> ORDER =
      Map.of("app.kubernetes.io/instance", "demo", "app.kubernetes.io/component", "order");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final long TOLERANCE_MS = 100;

  KubernetesMockServer server;
  KubernetesClient client;
  private FakeWorkloads cluster;

  @BeforeEach
  void objects() {
    client
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("demo-order")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .withMatchLabels(ORDER)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(ORDER)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("order")
                .withImage("chaoslab/order:0.1.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("demo-order")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withSelector(ORDER)
                .addNewPort()
                .withName("http")
                .withPort(5000)
                .withTargetPort(new IntOrString(5000))
                .endPort()
                .endSpec()
                .build())
        .create();
    client
        .resource(
            new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName("demo-order")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(ORDER)
                .endSelector()
                .endSpec()
                .build())
        .create();
    cluster = FakeWorkloads.start(client, server);
  }

  @AfterEach
  void close() {
    cluster.close();
    assertThat(cluster.errors()).isEmpty();
  }

  private Pod pod(String name) {
    return client.pods().inNamespace(NS).withName(name).get();
  }

  private static String condition(Pod pod, String type) {
    return pod.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .map(PodCondition::getStatus)
        .findFirst()
        .orElse("absent");
  }

  private List<Endpoint> endpoints() {
    EndpointSlice slice =
        client.discovery().v1().endpointSlices().inNamespace(NS).withName("demo-order-fake").get();
    return slice == null ? List.of() : slice.getEndpoints();
  }

  private List<String> readyEndpoints() {
    return endpoints().stream()
        .filter(e -> e.getConditions().getReady())
        .map(e -> e.getTargetRef().getName())
        .sorted()
        .toList();
  }

  private PodDisruptionBudget budget() {
    return client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("demo-order").get();
  }

  @Test
  void aDeploymentOfTwoGetsTwoReadyPodsAnEndpointSliceAndABudget() {
    FakeWorkload order = cluster.deployment(NS, "demo-order").start();

    assertThat(order.pods()).hasSize(2).allMatch(n -> n.startsWith("demo-order-"));
    for (String name : order.pods()) {
      Pod pod = pod(name);
      assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(ORDER);
      assertThat(pod.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getKind()).isEqualTo("ReplicaSet"));
      assertThat(pod.getSpec().getNodeName()).startsWith("fake-node-");
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(pod.getStatus().getPodIP()).startsWith("10.244.");
      for (String type : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
        assertThat(condition(pod, type)).as(type).isEqualTo("True");
      }
      assertThat(pod.getStatus().getContainerStatuses())
          .singleElement()
          .satisfies(c -> assertThat(c.getState().getRunning().getStartedAt()).isNotNull());
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment d =
                  client.apps().deployments().inNamespace(NS).withName("demo-order").get();
              assertThat(d.getStatus().getReadyReplicas()).isEqualTo(2);
              assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(2);
              assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(2);
              assertThat(d.getStatus().getObservedGeneration())
                  .isEqualTo(d.getMetadata().getGeneration());
              assertThat(readyEndpoints())
                  .containsExactlyElementsOf(order.pods().stream().sorted().toList());
              assertThat(endpoints())
                  .allSatisfy(
                      e ->
                          assertThat(e.getTargetRef().getUid())
                              .isEqualTo(pod(e.getTargetRef().getName()).getMetadata().getUid()));
              assertThat(budget().getStatus().getDisruptionsAllowed()).isEqualTo(1);
              assertThat(budget().getStatus().getExpectedPods()).isEqualTo(2);
            });
  }

  @Test
  void aDeletedPodIsReplacedStepByStepAtTheChosenDelays() {
    FakeWorkload order =
        cluster
            .deployment(NS, "demo-order")
            .delays(ms(200), ms(400), ms(600), ms(900), ms(1100))
            .start();
    Map<String, Instant> seen = new ConcurrentHashMap<>();
    String victim = order.pods().get(0);
    String victimUid = pod(victim).getMetadata().getUid();
    try (Watch watch = client.pods().inNamespace(NS).watch(recorder(seen, order.pods()))) {
      Instant killed = Instant.now();
      client.pods().inNamespace(NS).withName(victim).delete();
      KillTruth truth = order.awaitKill(victim, WAIT);
      await().atMost(WAIT).until(() -> budget().getStatus().getDisruptionsAllowed() == 0);
      truth.awaitServing(WAIT);

      assertThat(truth.uid()).isEqualTo(victimUid);
      assertThat(truth.cause()).isEqualTo(KillTruth.Cause.DELETED);
      assertThat(Duration.between(killed, truth.killedAt()).toMillis()).isBetween(0L, TOLERANCE_MS);
      assertNear(truth.killedAt(), truth.createdAt().orElseThrow(), 200);
      assertNear(truth.killedAt(), truth.scheduledAt().orElseThrow(), 400);
      assertNear(truth.killedAt(), truth.startedAt().orElseThrow(), 600);
      assertNear(truth.killedAt(), truth.readyAt().orElseThrow(), 900);
      assertNear(truth.killedAt(), truth.servingAt().orElseThrow(), 1100);

      System.out.printf(
          "STEP-ACCURACY created=%d scheduled=%d started=%d ready=%d serving=%d watchLagReady=%d%n",
          Duration.between(truth.killedAt(), truth.createdAt().orElseThrow()).toMillis() - 200,
          Duration.between(truth.killedAt(), truth.scheduledAt().orElseThrow()).toMillis() - 400,
          Duration.between(truth.killedAt(), truth.startedAt().orElseThrow()).toMillis() - 600,
          Duration.between(truth.killedAt(), truth.readyAt().orElseThrow()).toMillis() - 900,
          Duration.between(truth.killedAt(), truth.servingAt().orElseThrow()).toMillis() - 1100,
          Duration.between(truth.readyAt().orElseThrow(), seen.get("Ready")).toMillis());
      String replacement = truth.replacement().orElseThrow();
      assertThat(replacement).startsWith("demo-order-").isNotEqualTo(victim);
      Pod pod = pod(replacement);
      assertThat(pod.getMetadata().getUid())
          .isEqualTo(truth.replacementUid().orElseThrow())
          .isNotEqualTo(victimUid);
      // What a watcher sees agrees with the truth, and the objects carry the truth's timestamps.
      assertThat(Duration.between(truth.readyAt().orElseThrow(), seen.get("Ready")).toMillis())
          .isBetween(0L, TOLERANCE_MS);
      assertThat(
              Duration.between(truth.scheduledAt().orElseThrow(), seen.get("PodScheduled"))
                  .toMillis())
          .isBetween(0L, TOLERANCE_MS);
      assertThat(pod.getStatus().getConditions())
          .filteredOn(c -> c.getType().equals("Ready"))
          .singleElement()
          .satisfies(
              c ->
                  assertThat(Instant.parse(c.getLastTransitionTime()))
                      .isEqualTo(truth.readyAt().orElseThrow()));
      assertThat(
              Instant.parse(
                  pod.getStatus()
                      .getContainerStatuses()
                      .get(0)
                      .getState()
                      .getRunning()
                      .getStartedAt()))
          .isEqualTo(truth.startedAt().orElseThrow());
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(readyEndpoints()).hasSize(2).doesNotContain(victim);
              assertThat(budget().getStatus().getDisruptionsAllowed()).isEqualTo(1);
              assertThat(
                      client
                          .apps()
                          .deployments()
                          .inNamespace(NS)
                          .withName("demo-order")
                          .get()
                          .getStatus()
                          .getReadyReplicas())
                  .isEqualTo(2);
            });
  }

  @Test
  void theOldPodLeavesTheEndpointsAndTheReadyCountAtOnce() {
    FakeWorkload order =
        cluster
            .deployment(NS, "demo-order")
            .delays(ms(2000), ms(2000), ms(2000), ms(2000), ms(2000))
            .start();
    String victim = order.pods().get(0);
    client.pods().inNamespace(NS).withName(victim).delete();
    order.awaitKill(victim, WAIT);
    await()
        .atMost(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(readyEndpoints()).containsExactly(order.pods().get(0));
              assertThat(
                      client
                          .apps()
                          .deployments()
                          .inNamespace(NS)
                          .withName("demo-order")
                          .get()
                          .getStatus()
                          .getReadyReplicas())
                  .isEqualTo(1);
              PodDisruptionBudget pdb = budget();
              assertThat(pdb.getStatus().getCurrentHealthy()).isEqualTo(1);
              assertThat(pdb.getStatus().getDesiredHealthy()).isEqualTo(1);
              assertThat(pdb.getStatus().getDisruptionsAllowed()).isZero();
            });
  }

  @Test
  void aNeverReadyReplacementStartsButNeverTurnsReady() throws InterruptedException {
    FakeWorkload order =
        cluster
            .deployment(NS, "demo-order")
            .delays(ms(50), ms(100), ms(150), ms(200), ms(250))
            .neverReady()
            .start();
    String victim = order.pods().get(0);
    client.pods().inNamespace(NS).withName(victim).delete();
    KillTruth truth = order.awaitKill(victim, WAIT);
    await().atMost(WAIT).until(() -> truth.startedAt().isPresent());
    Thread.sleep(600);
    Pod replacement = pod(truth.replacement().orElseThrow());
    assertThat(replacement.getStatus().getPhase()).isEqualTo("Running");
    assertThat(condition(replacement, "Ready")).isEqualTo("False");
    assertThat(truth.readyAt()).isEmpty();
    assertThat(truth.servingAt()).isEmpty();
    assertThat(order.readyReplicas()).isEqualTo(1);
    assertThat(readyEndpoints()).hasSize(1);
    assertThat(endpoints()).hasSize(2);
    assertThat(budget().getStatus().getDisruptionsAllowed()).isZero();
  }

  @Test
  void evictionsAreAdmittedWhileTheBudgetAllowsAndRefusedWith429After() {
    FakeWorkload order =
        cluster
            .deployment(NS, "demo-order")
            .delays(ms(300), ms(300), ms(300), ms(600), ms(700))
            .start();
    await()
        .atMost(WAIT)
        .until(
            () ->
                budget().getStatus() != null && budget().getStatus().getDisruptionsAllowed() == 1);
    List<String> pods = order.pods();
    // fabric8 retries a 429 with backoff (requestRetryBackoffLimit, 10 by default): an engine that
    // wants to see the refusal turns that off, as here.
    try (KubernetesClient engine = noRetries()) {
      assertThat(engine.pods().inNamespace(NS).withName(pods.get(0)).evict()).isTrue();
      assertThat(engine.pods().inNamespace(NS).withName(pods.get(1)).evict()).isFalse();
    }
    assertThat(cluster.evictionsRefused()).isEqualTo(1);
    await().atMost(WAIT).until(() -> pod(pods.get(0)) == null);
    assertThat(pod(pods.get(1))).isNotNull();

    KillTruth truth = order.awaitKill(pods.get(0), WAIT);
    assertThat(truth.cause()).isEqualTo(KillTruth.Cause.EVICTED);
    truth.awaitServing(WAIT);
    assertNear(truth.killedAt(), truth.readyAt().orElseThrow(), 600);
    await().atMost(WAIT).until(() -> budget().getStatus().getDisruptionsAllowed() == 1);
    assertThat(client.pods().inNamespace(NS).withName(pods.get(1)).evict()).isTrue();
  }

  @Test
  void withoutTheServerTheMockAnswersAnEvictionWith409AndKeepsThePod() {
    try (FakeWorkloads plain = FakeWorkloads.start(client)) {
      cluster.close();
      FakeWorkload order = plain.deployment(NS, "demo-order").start();
      String name = order.pods().get(0);
      assertThatThrownBy(() -> client.pods().inNamespace(NS).withName(name).evict())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
      assertThat(pod(name)).isNotNull();
      assertThat(plain.errors()).isEmpty();
    }
  }

  @Test
  void aTerminationGraceKeepsTheDeletedPodTerminatingAndReady() {
    FakeWorkload order =
        cluster
            .deployment(NS, "demo-order")
            .delays(ms(100), ms(100), ms(100), ms(200), ms(300))
            .terminationGrace(ms(1500))
            .start();
    String victim = order.pods().get(0);
    client.pods().inNamespace(NS).withName(victim).withGracePeriod(30).delete();
    KillTruth truth = order.awaitKill(victim, WAIT);
    truth.awaitServing(WAIT);
    Pod terminating = pod(victim);
    assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(condition(terminating, "Ready")).isEqualTo("True");
    assertThat(endpoints())
        .filteredOn(e -> e.getTargetRef().getName().equals(victim))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getConditions().getTerminating()).isTrue();
              assertThat(e.getConditions().getReady()).isFalse();
              assertThat(e.getConditions().getServing()).isTrue();
            });
    await().atMost(WAIT).until(() -> pod(victim) == null);
    assertThat(Duration.between(truth.killedAt(), Instant.now()).toMillis())
        .isGreaterThanOrEqualTo(1500 - TOLERANCE_MS);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(endpoints())
                    .hasSize(2)
                    .noneMatch(e -> e.getTargetRef().getName().equals(victim)));
  }

  @Test
  void aStatefulSetPodComesBackUnderItsOwnNameWithANewUid() {
    Map<String, String> db =
        Map.of("app.kubernetes.io/instance", "demo", "app.kubernetes.io/component", "database");
    client
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("demo-database")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withServiceName("demo-database")
                .withNewSelector()
                .withMatchLabels(db)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(db)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("postgres")
                .withImage("postgres:18")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    FakeWorkload database =
        cluster
            .statefulSet(NS, "demo-database")
            .delays(ms(100), ms(150), ms(200), ms(300), ms(350))
            .start();
    assertThat(database.pods()).containsExactly("demo-database-0");
    String uid = pod("demo-database-0").getMetadata().getUid();
    client.pods().inNamespace(NS).withName("demo-database-0").delete();
    KillTruth truth = database.awaitKill("demo-database-0", WAIT).awaitServing(WAIT);
    assertThat(truth.replacement()).contains("demo-database-0");
    assertThat(truth.replacementUid()).isPresent().get().isNotEqualTo(uid);
    assertThat(pod("demo-database-0").getMetadata().getUid())
        .isEqualTo(truth.replacementUid().orElseThrow());
    await()
        .atMost(WAIT)
        .until(
            () ->
                client
                        .apps()
                        .statefulSets()
                        .inNamespace(NS)
                        .withName("demo-database")
                        .get()
                        .getStatus()
                        .getReadyReplicas()
                    == 1);
  }

  @Test
  void aSelectorWorkloadAndClosingLeavesNoThread() {
    FakeWorkload bare = cluster.selector(NS, "bare", Map.of("app", "bare"), 3).start();
    assertThat(bare.pods()).hasSize(3);
    assertThat(client.pods().inNamespace(NS).withLabel("app", "bare").list().getItems()).hasSize(3);
    cluster.close();
    await()
        .atMost(WAIT)
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("fake-workloads")));
  }

  /**
   * Pods deleted in one request go within the same millisecond; their replacements must still be
   * created in the order the pods went, because that order pairs each kill with its replacement
   * (the operator's and the truth's).
   */
  @Test
  void podsDeletedAtOnceAreReplacedInTheOrderTheyWent() {
    FakeWorkload bare =
        cluster
            .selector(NS, "bare", Map.of("app", "bare"), 12)
            .delays(ms(50), ms(60), ms(70), ms(80), ms(90))
            .start();
    List<String> before = bare.pods();
    List<String> created = new CopyOnWriteArrayList<>();
    Watcher<Pod> additions =
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, Pod pod) {
            if (action == Action.ADDED && !before.contains(pod.getMetadata().getName())) {
              created.add(pod.getMetadata().getName());
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        };
    try (Watch watch = client.pods().inNamespace(NS).withLabel("app", "bare").watch(additions)) {
      client.pods().inNamespace(NS).withLabel("app", "bare").delete();

      await().atMost(WAIT).until(() -> created.size() == before.size());
    }
    List<KillTruth> kills = bare.kills();
    assertThat(kills).extracting(KillTruth::pod).containsExactlyInAnyOrderElementsOf(before);
    assertThat(created)
        .containsExactlyElementsOf(kills.stream().map(k -> k.replacement().orElseThrow()).toList());
  }

  private KubernetesClient noRetries() {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build())
        .build();
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  private static void assertNear(Instant from, Instant step, long expectedMillis) {
    assertThat(Duration.between(from, step).toMillis())
        .isBetween(expectedMillis, expectedMillis + TOLERANCE_MS);
  }

  /** Records when a watcher first sees each condition True on a pod that was not there before. */
  private static Watcher<Pod> recorder(Map<String, Instant> seen, List<String> before) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        Instant now = Instant.now();
        if (before.contains(pod.getMetadata().getName())
            || pod.getStatus() == null
            || pod.getStatus().getConditions() == null) {
          return;
        }
        pod.getStatus().getConditions().stream()
            .filter(c -> "True".equals(c.getStatus()))
            .forEach(c -> seen.putIfAbsent(c.getType(), now));
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
