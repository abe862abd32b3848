package io.chaoslab.operator.bench;

import static io.chaoslab.operator.testing.JvmFootprint.mb;
import static io.chaoslab.operator.testing.JvmFootprint.usedHeapAfterGc;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.chaoslab.operator.testing.MockOperator;
import io.chaoslab.operator.testing.Namespaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (surefire's default includes skip it): how long the operator takes from a
 * new ShopStack to all its objects, and what reconciling 200 ShopStacks costs in time, heap and
 * threads, against fabric8's mock API server in this JVM. Run: {@code bench/operator-scale.sh}.
 */
@EnableKubernetesMockClient(crud = true)
class ShopStackScaleBenchmark {
  private static final String NS = "bench";
  private static final int SINGLE_RUNS = 20;
  private static final int MANY = Integer.getInteger("bench.shops", 200);
  private static final Duration LIMIT = Duration.ofMinutes(5);

  KubernetesClient client;

  @Test
  void run() throws Exception {
    Namespaces.create(client, NS);
    long heapWithoutOperator = usedHeapAfterGc();
    int threadsWithoutOperator = Thread.activeCount();
    Operator operator = MockOperator.startShopStack(client);

    List<Double> single = new ArrayList<>();
    for (int i = 0; i < SINGLE_RUNS; i++) {
      long start = System.nanoTime();
      create("single-" + i);
      awaitObjects(List.of("single-" + i), 5);
      single.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(single);
    System.out.printf(
        Locale.ROOT,
        "one ShopStack to all its 12 objects (%d runs): median %.0f ms, p95 %.0f ms, max %.0f ms%n",
        SINGLE_RUNS,
        single.get(SINGLE_RUNS / 2),
        single.get((int) Math.ceil(SINGLE_RUNS * 0.95) - 1),
        single.get(SINGLE_RUNS - 1));

    List<String> names = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < MANY; i++) {
      names.add("many-" + i);
      create("many-" + i);
    }
    awaitObjects(names, 100);
    awaitStatus(names);
    double seconds = (System.nanoTime() - start) / 1e9;
    long heapWithOperator = usedHeapAfterGc();
    int threads = Thread.activeCount();
    operator.stop();
    long heapAfterStop = usedHeapAfterGc();
    System.out.printf(
        Locale.ROOT,
        "%d ShopStacks created at once: all objects and a status in %.1f s (%.1f ShopStacks/s)%n",
        MANY,
        seconds,
        MANY / seconds);
    System.out.printf(
        Locale.ROOT,
        "heap after GC: %.0f MB with the operator and %d+%d shops, %.0f MB after the operator"
            + " stopped (the mock's store), %.0f MB before it started: the operator holds about"
            + " %.0f MB; threads: %d with the operator, %d before%n",
        mb(heapWithOperator),
        SINGLE_RUNS,
        MANY,
        mb(heapAfterStop),
        mb(heapWithoutOperator),
        mb(heapWithOperator - heapAfterStop),
        threads,
        threadsWithoutOperator);
  }

  private void create(String name) {
    ShopStack shop = MockOperator.exampleShop(client);
    shop.getMetadata().setName(name);
    shop.getMetadata().setNamespace(NS);
    client.resource(shop).create();
  }

  /** Polls: every 5 ms for one shop (figures in tens of ms), less often for many (less load). */
  private void awaitObjects(List<String> names, long pollMillis) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    int expected = names.size();
    while (System.nanoTime() < deadline) {
      if (count(names) == expected) {
        return;
      }
      Thread.sleep(pollMillis);
    }
    throw new AssertionError("objects of " + expected + " ShopStacks not all there in " + LIMIT);
  }

  private int count(List<String> names) {
    var ns = client.apps().deployments().inNamespace(NS).list().getItems();
    var services = client.services().inNamespace(NS).list().getItems();
    var budgets = client.policy().v1().podDisruptionBudget().inNamespace(NS).list().getItems();
    var sets = client.apps().statefulSets().inNamespace(NS).list().getItems();
    int complete = 0;
    for (String name : names) {
      String prefix = name + "-";
      boolean all =
          ns.stream().filter(d -> d.getMetadata().getName().startsWith(prefix)).count() == 3
              && services.stream().filter(s -> s.getMetadata().getName().startsWith(prefix)).count()
                  == 4
              && budgets.stream().filter(b -> b.getMetadata().getName().startsWith(prefix)).count()
                  == 3
              && sets.stream().anyMatch(s -> s.getMetadata().getName().equals(prefix + "database"));
      if (all) {
        complete++;
      }
    }
    return complete;
  }

  private void awaitStatus(List<String> names) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      long withStatus =
          client.resources(ShopStack.class).inNamespace(NS).list().getItems().stream()
              .filter(s -> names.contains(s.getMetadata().getName()) && s.getStatus() != null)
              .count();
      if (withStatus == names.size()) {
        return;
      }
      Thread.sleep(20);
    }
    assertThat(false).as("status of every ShopStack within " + LIMIT).isTrue();
  }
}
