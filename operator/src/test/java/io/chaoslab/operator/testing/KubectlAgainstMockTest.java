package io.chaoslab.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl against a {@link MockCluster}: what a user or a pipeline does with a ShopStack
 * (apply, get by short name, patch the status, wait for a condition) works, with the built-in kinds
 * the operator creates too, and {@code kubectl wait} reacts to a status change as it lands.
 */
class KubectlAgainstMockTest {

  private static final String NS = "shop";
  private static final String NAMESPACE =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: shop
      """;
  private static final Path EXAMPLE = CrdFiles.committedDir().resolve("examples/shopstack.yaml");

  private static MockCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void startCluster() {
    cluster = MockCluster.start();
    kubectl = cluster.kubectl();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Each test starts without the shop namespace and anything in it. */
  @BeforeEach
  void deleteTheShop() {
    KubernetesClient client = cluster.client();
    shopStacks().delete();
    client.apps().deployments().inNamespace(NS).delete();
    client.pods().inNamespace(NS).delete();
    client.services().inNamespace(NS).delete();
    client.policy().v1().podDisruptionBudget().inNamespace(NS).delete();
    client.namespaces().withName(NS).delete();
  }

  @Test
  void applyCreatesTheNamespaceAndTheShopStackThenUpdatesTheShopStack() throws Exception {
    assertThat(apply(NAMESPACE).stdout()).isEqualTo("namespace/shop created\n");
    assertThat(
            kubectl
                .run("apply", "--validate=false", "-f", EXAMPLE.toString())
                .requireSuccess()
                .stdout())
        .isEqualTo("shopstack.chaoslab.io/demo created\n");
    assertThat(cluster.client().namespaces().withName(NS).get()).isNotNull();
    assertThat(demo().<Integer>get("spec", "order", "replicas")).isEqualTo(2);

    String example = Files.readString(EXAMPLE);
    String scaled = example.replace("order:\n    replicas: 2", "order:\n    replicas: 3");
    assertThat(scaled).isNotEqualTo(example);
    assertThat(apply(scaled).stdout()).isEqualTo("shopstack.chaoslab.io/demo configured\n");
    assertThat(demo().<Integer>get("spec", "order", "replicas")).isEqualTo(3);
    assertThat(demo().getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(apply(NAMESPACE).stdout()).isEqualTo("namespace/shop unchanged\n");
  }

  @Test
  void getFindsTheShopStackByItsShortName() {
    applyTheExample();

    assertThat(kubectl.run("get", "shop", "-n", NS).requireSuccess().stdout())
        .startsWith("NAME")
        .contains("demo");
    GenericKubernetesResource printed =
        Serialization.unmarshal(
            kubectl.run("get", "shop", "demo", "-n", NS, "-o", "yaml").requireSuccess().stdout(),
            GenericKubernetesResource.class);
    assertThat(printed.getKind()).isEqualTo("ShopStack");
    assertThat(printed.<String>get("spec", "image", "tag")).isEqualTo("0.1.0");
    assertThat(
            kubectl
                .run("get", "shop/demo", "-n", NS, "-o", "jsonpath={.spec.order.replicas}")
                .requireSuccess()
                .stdout())
        .isEqualTo("2");
  }

  @Test
  void everyCrdInCrdsIsDiscoverableWithItsShortNames() {
    List<Path> files = CrdFiles.in(CrdFiles.committedDir());
    assertThat(files).isNotEmpty();
    String resources = kubectl.run("api-resources", "--no-headers").requireSuccess().stdout();
    for (Path file : files) {
      CustomResourceDefinition crd = CrdFiles.read(file);
      CustomResourceDefinitionNames names = crd.getSpec().getNames();
      assertThat(resources)
          .as(file.toString())
          .containsPattern(
              "(?m)^%s\\s+%s\\s+%s/%s\\s+%s\\s+%s$"
                  .formatted(
                      names.getPlural(),
                      String.join(",", names.getShortNames()),
                      crd.getSpec().getGroup(),
                      crd.getSpec().getVersions().getFirst().getName(),
                      "Namespaced".equals(crd.getSpec().getScope()),
                      names.getKind()));
      for (String shortName : names.getShortNames()) {
        kubectl.run("get", shortName, "--all-namespaces").requireSuccess();
      }
    }
  }

  @Test
  void patchOfTheStatusSubresourceSetsTheStatusOnly() {
    applyTheExample();

    kubectl
        .run(
            "patch",
            "shop",
            "demo",
            "-n",
            NS,
            "--subresource=status",
            "--type=merge",
            "-p",
            "{\"status\":{\"phase\":\"Progressing\"}}")
        .requireSuccess();

    assertThat(
            kubectl
                .run("get", "shop/demo", "-n", NS, "-o", "jsonpath={.status.phase}")
                .requireSuccess()
                .stdout())
        .isEqualTo("Progressing");
    assertThat(demo().<String>get("status", "phase")).isEqualTo("Progressing");
    assertThat(demo().getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void waitReturnsAsSoonAsTheReadyConditionLands() {
    applyTheExample();
    long watches = cluster.watchesStarted();
    Kubectl.Running wait =
        kubectl.start("wait", "--for=condition=Ready", "--timeout=20s", "shopstack/demo", "-n", NS);
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.watchesStarted() > watches);

    long statusSent = System.nanoTime();
    shopStacks().withName("demo").editStatus(KubectlAgainstMockTest::ready);
    Kubectl.Result result = wait.await(Duration.ofSeconds(30));

    assertThat(result.requireSuccess().stdout())
        .isEqualTo("shopstack.chaoslab.io/demo condition met\n");
    assertThat(Duration.ofNanos(result.exitedAt() - statusSent))
        .as("from the status update to kubectl's exit")
        .isPositive()
        .isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void waitForAConditionThatNeverComesTimesOutWithAnErrorAndClosesItsWatch() {
    applyTheExample();

    Kubectl.Result result =
        kubectl.run("wait", "--for=condition=Degraded", "--timeout=2s", "shop/demo", "-n", NS);

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stderr()).contains("timed out waiting for the condition");
    assertThat(result.elapsed()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(5)).until(() -> cluster.watchesOpen() == 0);
  }

  @Test
  void getListsTheBuiltInKindsAnOperatorCreates() {
    KubernetesClient client = cluster.client();
    Map<String, String> labels = Map.of("app", "order");
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("demo-order")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .withMatchLabels(labels)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("order")
                .withImage("chaoslab/order-service:0.1.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("demo-order-0")
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
    client
        .services()
        .inNamespace(NS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("demo-order")
                .endMetadata()
                .withNewSpec()
                .withSelector(labels)
                .endSpec()
                .build())
        .create();
    client
        .policy()
        .v1()
        .podDisruptionBudget()
        .inNamespace(NS)
        .resource(
            new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName("demo-order")
                .endMetadata()
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(0))
                .endSpec()
                .build())
        .create();

    assertThat(kubectl.run("get", "deployments", "-n", NS).requireSuccess().stdout())
        .contains("demo-order");
    assertThat(kubectl.run("get", "pods", "-n", NS).requireSuccess().stdout())
        .contains("demo-order-0");
    assertThat(
            kubectl
                .run("get", "deploy,po,svc,pdb", "-n", NS, "-o", "name")
                .requireSuccess()
                .stdout())
        .isEqualTo(
            """
            deployment.apps/demo-order
            pod/demo-order-0
            service/demo-order
            poddisruptionbudget.policy/demo-order
            """);
  }

  @Test
  void extraCrdFilesAreServedNextToTheProjectsOwn() throws Exception {
    Path serviceMonitors =
        Path.of(getClass().getResource("servicemonitors.monitoring.coreos.com.yaml").toURI());
    try (MockCluster withMonitoring = MockCluster.start(serviceMonitors)) {
      assertThat(
              withMonitoring
                  .kubectl()
                  .run("api-resources", "--api-group=monitoring.coreos.com", "--no-headers")
                  .requireSuccess()
                  .stdout())
          .containsPattern("servicemonitors\\s+smon\\s+monitoring.coreos.com/v1\\s+true\\s+");
      withMonitoring
          .client()
          .genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
          .inNamespace(NS)
          .resource(
              new GenericKubernetesResourceBuilder()
                  .withApiVersion("monitoring.coreos.com/v1")
                  .withKind("ServiceMonitor")
                  .withNewMetadata()
                  .withName("demo")
                  .endMetadata()
                  .build())
          .create();

      assertThat(
              withMonitoring
                  .kubectl()
                  .run("get", "smon", "-n", NS, "-o", "name")
                  .requireSuccess()
                  .stdout())
          .isEqualTo("servicemonitor.monitoring.coreos.com/demo\n");
      assertThat(withMonitoring.kubectl().run("get", "shop", "-A").exitCode()).isZero();
    }
    assertThat(kubectl.run("get", "smon").stderr())
        .contains("the server doesn't have a resource type \"smon\"");
  }

  @Test
  void closingTheClusterEndsARunningWaitPromptly() {
    MockCluster other = MockCluster.start();
    Kubectl.Running wait;
    long closing;
    try (other) {
      Namespaces.create(other.client(), NS);
      // A namespace has no conditions: this wait only ends by its timeout, or when killed.
      wait =
          other
              .kubectl()
              .start("wait", "--for=condition=Ready", "--timeout=60s", "namespace/" + NS);
      await().atMost(Duration.ofSeconds(10)).until(() -> other.watchesStarted() > 0);
      closing = System.nanoTime();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
    assertThat(wait.await(Duration.ofSeconds(5)).exitCode()).isNotZero();
  }

  private static Kubectl.Result apply(String manifest) {
    return kubectl.runWithInput(manifest, "apply", "--validate=false", "-f", "-").requireSuccess();
  }

  private static void applyTheExample() {
    apply(NAMESPACE);
    kubectl.run("apply", "--validate=false", "-f", EXAMPLE.toString()).requireSuccess();
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      shopStacks() {
    return cluster
        .client()
        .genericKubernetesResources("chaoslab.io/v1alpha1", "ShopStack")
        .inNamespace(NS);
  }

  private static GenericKubernetesResource demo() {
    return shopStacks().withName("demo").get();
  }

  /** What the operator writes once every component is Ready. */
  private static GenericKubernetesResource ready(GenericKubernetesResource shop) {
    shop.setAdditionalProperty(
        "status",
        Map.of(
            "phase",
            "Ready",
            "conditions",
            List.of(
                Map.of(
                    "type", "Ready",
                    "status", "True",
                    "reason", "AllComponentsReady",
                    "message", "every component has its desired Ready pods",
                    "lastTransitionTime",
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))));
    return shop;
  }
}
