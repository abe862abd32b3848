package io.chaoslab.operator.chaos;

import static io.chaoslab.operator.testing.JvmFootprint.mb;
import static io.chaoslab.operator.testing.JvmFootprint.platformThreads;
import static io.chaoslab.operator.testing.JvmFootprint.usedHeapAfterGc;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.chaoslab.operator.api.chaos.KillStatus;
import io.chaoslab.operator.api.chaos.TargetSpec;
import io.chaoslab.operator.testing.FakeWorkload;
import io.chaoslab.operator.testing.JvmFootprint;
import io.chaoslab.operator.testing.KillTruth;
import io.chaoslab.operator.testing.PodLifecycle;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (surefire's default includes skip it): how far the engine's timeline is
 * from the fixture's truth over many kills, and what each running experiment costs the operator
 * (heap, platform threads) with many running at once, against fabric8's mock API server in this
 * JVM. Run: {@code bench/chaos-accuracy.sh}.
 */
@EnableKubernetesMockClient(crud = true)
class ChaosExperimentBenchmark {
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
  private static final int CONCURRENT = Integer.getInteger("bench.experiments", 50);
  private static final Duration LIMIT = Duration.ofMinutes(3);

  KubernetesMockServer server;
  KubernetesClient client;
  private ChaosHarness shop;

  @BeforeEach
  void startShop() {
    shop = ChaosHarness.start(client, server);
  }

  @AfterEach
  void stopShop() {
    shop.close();
  }

  /** Three workloads whose replacements come up at different paces, {@code ROUNDS} kills each. */
  @Test
  void measurementErrorAgainstTheTruth() {
    List<PodLifecycle> paces =
        List.of(
            PodLifecycle.delaysMillis(50, 100, 200, 400, 450),
            PodLifecycle.delaysMillis(150, 300, 600, 1200, 1400),
            PodLifecycle.delaysMillis(300, 500, 1000, 2000, 2100));
    List<FakeWorkload> workloads = new ArrayList<>();
    for (int i = 0; i < paces.size(); i++) {
      workloads.add(selectorWorkload("pace-" + i, 2, paces.get(i)));
      shop.client.resource(experiment("accuracy-" + i, "pace-" + i, ROUNDS)).create();
    }
    Map<String, List<Double>> errors = new LinkedHashMap<>();
    for (int i = 0; i < paces.size(); i++) {
      ChaosExperimentStatus status = shop.awaitComplete("accuracy-" + i, LIMIT);
      assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
      for (KillStatus kill : status.getKills()) {
        KillTruth truth = truthOf(workloads.get(i), kill);
        error(errors, "killedAt", kill.getKilledAt(), Optional.of(truth.killedAt()));
        error(errors, "createdAt", kill.getCreatedAt(), truth.createdAt());
        error(errors, "scheduledAt", kill.getScheduledAt(), truth.scheduledAt());
        error(errors, "startedAt", kill.getStartedAt(), truth.startedAt());
        error(errors, "readyAt", kill.getReadyAt(), truth.readyAt());
        error(errors, "servingAt", kill.getServingAt(), truth.servingAt());
        double trueRecovery =
            Duration.between(truth.killedAt(), truth.readyAt().orElseThrow()).toNanos() / 1e6;
        errors
            .computeIfAbsent("recoverySeconds", k -> new ArrayList<>())
            .add(kill.getRecoverySeconds() * 1000 - trueRecovery);
      }
    }
    int kills = errors.get("killedAt").size();
    System.out.printf(
        Locale.ROOT,
        "measurement error over %d kills (measured minus truth, ms): field p50 p95 max-abs%n",
        kills);
    errors.forEach(
        (field, values) -> {
          List<Double> sorted = values.stream().sorted().toList();
          List<Double> abs = values.stream().map(Math::abs).sorted().toList();
          System.out.printf(
              Locale.ROOT,
              "error %-16s %6.1f %6.1f %6.1f%n",
              field,
              sorted.get(sorted.size() / 2),
              abs.get((int) Math.ceil(abs.size() * 0.95) - 1),
              abs.get(abs.size() - 1));
        });
  }

  /** Many experiments waiting for their recovery at once: heap and threads per experiment. */
  @Test
  void costPerRunningExperiment() throws InterruptedException {
    PodLifecycle slow = PodLifecycle.delaysMillis(200, 400, 800, 20_000, 20_100);
    for (int i = 0; i < CONCURRENT; i++) {
      selectorWorkload("cost-" + i, 2, slow);
    }
    long heapBefore = usedHeapAfterGc();
    int threadsBefore = platformThreads();
    int clientThreadsBefore = clientThreads();
    String poolsBefore = JvmFootprint.platformThreadsByPool();
    for (int i = 0; i < CONCURRENT; i++) {
      shop.client.resource(experiment("cost-" + i, "cost-" + i, 1)).create();
    }
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (waiting() < CONCURRENT) {
      assertThat(System.nanoTime()).as("all experiments killed a pod in time").isLessThan(deadline);
      Thread.sleep(100);
    }
    long heapRunning = usedHeapAfterGc();
    int threadsRunning = platformThreads();
    int clientThreadsRunning = clientThreads();
    int stillWaiting = waiting();
    String pools = JvmFootprint.platformThreadsByPool();
    for (int i = 0; i < CONCURRENT; i++) {
      ChaosExperimentStatus status = shop.awaitComplete("cost-" + i, LIMIT);
      assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    }
    System.out.printf(
        Locale.ROOT,
        "%d experiments running at once (%d still waiting for recovery when measured): heap after"
            + " GC %.1f MB -> %.1f MB (%.0f KB per experiment); platform threads %d -> %d%n",
        CONCURRENT,
        stillWaiting,
        mb(heapBefore),
        mb(heapRunning),
        (heapRunning - heapBefore) / 1024.0 / CONCURRENT,
        threadsBefore,
        threadsRunning);
    System.out.printf(
        Locale.ROOT,
        "platform threads without the mock API server's (one per watch connection): %d -> %d"
            + " (%.1f per experiment)%n",
        clientThreadsBefore,
        clientThreadsRunning,
        (clientThreadsRunning - clientThreadsBefore) / (double) CONCURRENT);
    System.out.println("platform threads by pool before: " + poolsBefore);
    System.out.println("platform threads by pool while running: " + pools);
  }

  /**
   * Platform threads but the mock API server's: it keeps one single-thread scheduler per watch
   * connection ({@code pool-N-thread-1}, the JDK's default names, which nothing else here uses).
   */
  private static int clientThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !t.isVirtual())
            .filter(t -> !t.getName().matches("pool-[0-9]+-thread-[0-9]+"))
            .count();
  }

  /** Experiments whose status says they wait for the recovery. */
  private int waiting() {
    return (int)
        shop
            .client
            .resources(ChaosExperiment.class)
            .inNamespace(ChaosHarness.NS)
            .list()
            .getItems()
            .stream()
            .filter(e -> e.getStatus() != null && e.getStatus().getMessage() != null)
            .filter(e -> e.getStatus().getMessage().contains("waiting for"))
            .count();
  }

  private FakeWorkload selectorWorkload(String name, int replicas, PodLifecycle lifecycle) {
    Map<String, String> labels = Map.of("app", name);
    shop.service(name, labels);
    return shop.cluster
        .selector(ChaosHarness.NS, name, labels, replicas)
        .lifecycle(lifecycle)
        .start();
  }

  private ChaosExperiment experiment(String name, String app, int rounds) {
    return shop.experiment(
        name,
        spec -> {
          TargetSpec target = new TargetSpec();
          target.setSelector(new LabelSelectorBuilder().addToMatchLabels("app", app).build());
          spec.setTarget(target);
          spec.setRounds(rounds);
          spec.setTimeoutSeconds((int) LIMIT.toSeconds());
        });
  }

  private static KillTruth truthOf(FakeWorkload workload, KillStatus kill) {
    return workload.kills().stream()
        .filter(t -> t.uid().equals(kill.getUid()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no truth for " + kill.getPod()));
  }

  private static void error(
      Map<String, List<Double>> errors, String field, String measured, Optional<Instant> truth) {
    Function<Instant, Double> millis = t -> t.toEpochMilli() + t.getNano() % 1_000_000 / 1e6;
    errors
        .computeIfAbsent(field, k -> new ArrayList<>())
        .add(millis.apply(Instant.parse(measured)) - millis.apply(truth.orElseThrow()));
  }
}
