package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.testing.FakeWorkloads;
import io.chaoslab.operator.testing.Kubectl;
import io.chaoslab.operator.testing.MockCluster;
import io.chaoslab.operator.testing.MockOperator;
import io.chaoslab.operator.testing.PodLifecycle;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's chaos path with the real kubectl, as a pipeline runs it: label the namespace, apply
 * an experiment, {@code kubectl wait --for=condition=Complete}, read {@code Succeeded} and the
 * status. The fixture plays the cluster's controllers and kubelet.
 */
class KubectlChaosPathTest {
  private static final String EXPERIMENT =
      """
      apiVersion: chaoslab.io/v1alpha1
      kind: ChaosExperiment
      metadata: {name: kill-order, namespace: shop}
      spec:
        target: {shopStack: demo, component: order}
        action: pod-kill
        seed: 42
      """;

  private MockCluster cluster;
  private Kubectl kubectl;
  private MockOperator.Running operator;
  private FakeWorkloads workloads;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    kubectl = cluster.kubectl();
    operator = MockOperator.start(cluster.client(), new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    if (workloads != null) {
      workloads.close();
    }
    operator.close();
    cluster.close();
  }

  @Test
  void labelApplyWaitAndReadTheVerdict() {
    kubectl.applyNamespace("shop");
    assertThat(
            kubectl
                .run("label", "namespace", "shop", "chaoslab.io/chaos=enabled")
                .requireSuccess()
                .stdout())
        .isEqualTo("namespace/shop labeled\n");
    kubectl
        .run("apply", "--validate=false", "-f", "../crds/examples/shopstack.yaml")
        .requireSuccess();
    KubernetesClient client = cluster.client();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> client.apps().deployments().inNamespace("shop").list().getItems().size() == 3);
    workloads = FakeWorkloads.start(client);
    workloads
        .deployment("shop", "demo-order")
        .lifecycle(PodLifecycle.delaysMillis(50, 100, 200, 300, 350))
        .start();

    kubectl.runWithInput(EXPERIMENT, "apply", "--validate=false", "-f", "-").requireSuccess();
    Kubectl.Result waited =
        kubectl
            .run("wait", "--for=condition=Complete", "--timeout=30s", "-n", "shop", "cx/kill-order")
            .requireSuccess();

    assertThat(waited.stdout()).isEqualTo("chaosexperiment.chaoslab.io/kill-order condition met\n");
    assertThat(
            kubectl
                .run(
                    "get",
                    "cx",
                    "kill-order",
                    "-n",
                    "shop",
                    "-o",
                    "jsonpath={.status.conditions[?(@.type==\"Succeeded\")].status}")
                .requireSuccess()
                .stdout())
        .isEqualTo("True");
    // the mock serves no server-side Table, so the printer columns' paths are read directly
    assertThat(
            kubectl
                .run(
                    "get",
                    "cx",
                    "kill-order",
                    "-n",
                    "shop",
                    "-o",
                    "jsonpath={.status.phase} {.status.target} {.status.killCount}")
                .requireSuccess()
                .stdout())
        .isEqualTo("Passed demo/order 1");
  }
}
