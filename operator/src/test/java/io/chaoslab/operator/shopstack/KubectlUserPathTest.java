package io.chaoslab.operator.shopstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.testing.ControllerStatus;
import io.chaoslab.operator.testing.Kubectl;
import io.chaoslab.operator.testing.MockCluster;
import io.chaoslab.operator.testing.MockOperator;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's path with the real kubectl: apply the namespace and the example ShopStack, let the
 * operator deploy it, and wait for {@code Ready} as a pipeline would. The mock has no controllers,
 * so the test writes the workloads' Ready status where a cluster's controllers would.
 */
class KubectlUserPathTest {
  private MockCluster cluster;
  private Kubectl kubectl;
  private Operator operator;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    kubectl = cluster.kubectl();
    operator = MockOperator.startShopStack(cluster.client());
  }

  @AfterEach
  void stop() {
    operator.stop();
    cluster.close();
  }

  @Test
  void applyTheExampleAndWaitUntilTheShopIsReady() {
    kubectl.applyNamespace("shop");
    String example = "../crds/examples/shopstack.yaml"; // kubectl runs in the module's directory
    assertThat(kubectl.run("apply", "--validate=false", "-f", example).requireSuccess().stdout())
        .isEqualTo("shopstack.chaoslab.io/demo created\n");

    KubernetesClient client = cluster.client();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> client.apps().deployments().inNamespace("shop").list().getItems().size() == 3);
    assertThat(
            kubectl.run("get", "deployments", "-n", "shop", "-o", "name").requireSuccess().stdout())
        .contains("deployment.apps/demo-order", "deployment.apps/demo-inventory");

    Kubectl.Running wait =
        kubectl.start("wait", "--for=condition=Ready", "--timeout=30s", "-n", "shop", "shop/demo");
    markReady(client);
    Kubectl.Result waited = wait.await(Duration.ofSeconds(40));

    assertThat(waited.exitCode()).as(waited.toString()).isZero();
    assertThat(waited.stdout()).contains("shopstack.chaoslab.io/demo condition met");
    assertThat(
            kubectl
                .run(
                    "get",
                    "shop",
                    "demo",
                    "-n",
                    "shop",
                    "-o",
                    "jsonpath={.status.phase} {.status.readySummary}")
                .requireSuccess()
                .stdout())
        .isEqualTo("Ready 7/7");
  }

  /** What the Deployment and StatefulSet controllers write once every pod is Ready. */
  private static void markReady(KubernetesClient client) {
    for (Deployment d : client.apps().deployments().inNamespace("shop").list().getItems()) {
      ControllerStatus.deploymentAllReady(client, "shop", d.getMetadata().getName());
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client.apps().statefulSets().inNamespace("shop").withName("demo-database").get()
                    != null);
    ControllerStatus.statefulSetReady(client, "shop", "demo-database");
  }
}
