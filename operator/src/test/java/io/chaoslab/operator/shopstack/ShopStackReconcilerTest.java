package io.chaoslab.operator.shopstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.api.shopstack.Phase;
import io.chaoslab.operator.api.shopstack.ShopStack;
import io.chaoslab.operator.testing.ControllerStatus;
import io.chaoslab.operator.testing.MockOperator;
import io.chaoslab.operator.testing.Namespaces;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real operator against fabric8's mock API server (CRUD mode). The mock has no controllers: the
 * test plays the Deployment controller where it needs Ready pods, by writing workload status.
 */
@EnableKubernetesMockClient(crud = true)
class ShopStackReconcilerTest {
  private static final String NS = "shop";
  private static final Duration WAIT = Duration.ofSeconds(15);

  KubernetesMockServer server;
  KubernetesClient client;
  private Operator operator;

  @BeforeEach
  void startOperator() {
    Namespaces.create(client, NS);
    // The mock implements neither server-side apply nor its field managers.
    operator = MockOperator.startShopStack(client);
  }

  @AfterEach
  void stopOperator() {
    operator.stop();
  }

  private ShopStack example() {
    return MockOperator.exampleShop(client);
  }

  private ShopStack create(ShopStack shop) {
    return client.resource(shop).create();
  }

  private ShopStack current(String name) {
    return client.resources(ShopStack.class).inNamespace(NS).withName(name).get();
  }

  /**
   * A spec change on the latest version, tried again on a 409 Conflict as a client would: the
   * operator writes the status at the same time, and the mock checks the resource version.
   */
  private void editSpec(String name, java.util.function.Consumer<ShopStack> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        client
            .resources(ShopStack.class)
            .inNamespace(NS)
            .withName(name)
            .edit(
                shop -> {
                  change.accept(shop);
                  return shop;
                });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  private static Condition condition(ShopStack shop, String type) {
    assertThat(shop.getStatus()).as("status of " + shop.getMetadata().getName()).isNotNull();
    return shop.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  /** What the Deployment and StatefulSet controllers would write once every pod is Ready. */
  private void markAllReady(String shop) {
    for (Component component : Component.values()) {
      ControllerStatus.deploymentAllReady(client, NS, shop + "-" + component.id());
    }
    if (client.apps().statefulSets().inNamespace(NS).withName(shop + "-database").get() != null) {
      ControllerStatus.statefulSetReady(client, NS, shop + "-database");
    }
  }

  @Test
  void theExampleGetsEveryObjectOwnedByTheShop() throws IOException {
    ShopStack shop = create(example());

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(3);
              assertThat(client.services().inNamespace(NS).list().getItems()).hasSize(4);
              assertThat(
                      client.policy().v1().podDisruptionBudget().inNamespace(NS).list().getItems())
                  .hasSize(3);
              assertThat(
                      client.apps().statefulSets().inNamespace(NS).withName("demo-database").get())
                  .isNotNull();
              assertThat(client.secrets().inNamespace(NS).withName("demo-database").get())
                  .isNotNull();
            });

    String uid = shop.getMetadata().getUid();
    for (Deployment d : client.apps().deployments().inNamespace(NS).list().getItems()) {
      assertThat(d.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(uid));
    }
    for (Service s : client.services().inNamespace(NS).list().getItems()) {
      assertThat(s.getMetadata().getOwnerReferences()).extracting("uid").containsExactly(uid);
    }
    for (PodDisruptionBudget pdb :
        client.policy().v1().podDisruptionBudget().inNamespace(NS).list().getItems()) {
      assertThat(pdb.getMetadata().getOwnerReferences()).extracting("uid").containsExactly(uid);
      assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }
  }

  @Test
  void eachDeploymentIsBuiltForFastSafeRecovery() throws IOException {
    create(example());
    await().atMost(WAIT).until(() -> deployment("demo-notification") != null);

    Deployment order = deployment("demo-order");
    assertThat(order.getSpec().getReplicas()).isEqualTo(2);
    assertThat(order.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
    var pod = order.getSpec().getTemplate().getSpec();
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(order.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "5000");
    Container c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("chaoslab/order-service:0.1.0");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(c.getLivenessProbe().getFailureThreshold()).isEqualTo(3);
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(c.getReadinessProbe().getFailureThreshold()).isEqualTo(2);
    assertThat(c.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    Map<String, EnvVar> env =
        c.getEnv().stream().collect(java.util.stream.Collectors.toMap(EnvVar::getName, e -> e));
    assertThat(env.get("INVENTORY_URL").getValue()).isEqualTo("http://demo-inventory:5001");
    assertThat(env.get("NOTIFICATION_URL").getValue()).isEqualTo("http://demo-notification:5002");
    assertThat(env.get("LOG_LEVEL").getValue()).isEqualTo("INFO");
    for (String key : List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD")) {
      assertThat(env.get(key).getValue()).as(key + " never inline").isNull();
      assertThat(env.get(key).getValueFrom().getSecretKeyRef().getName())
          .isEqualTo("demo-database");
    }
    Container notification =
        deployment("demo-notification").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(notification.getEnv()).extracting(EnvVar::getName).doesNotContain("DATABASE_URL");
  }

  @Test
  void theStatusFollowsThePodsAndKubectlSeesThePhase() throws IOException {
    create(example());
    await().atMost(WAIT).until(() -> current("demo").getStatus() != null);
    assertThat(current("demo").getStatus().getPhase()).isIn(Phase.Pending, Phase.Progressing);

    markAllReady("demo");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ShopStack shop = current("demo");
              assertThat(shop.getStatus().getPhase()).isEqualTo(Phase.Ready);
              assertThat(shop.getStatus().getReadySummary()).isEqualTo("7/7");
              assertThat(shop.getStatus().getComponents().getOrder().getReady()).isEqualTo(2);
              assertThat(shop.getStatus().getObservedGeneration())
                  .isEqualTo(shop.getMetadata().getGeneration());
              assertThat(condition(shop, "Ready").getStatus()).isEqualTo("True");
              assertThat(condition(shop, "Progressing").getStatus()).isEqualTo("False");
              assertThat(condition(shop, "Degraded").getStatus()).isEqualTo("False");
            });

    // a pod of inventory is lost: Degraded, not Progressing
    Deployment inventory = deployment("demo-inventory");
    inventory.getStatus().setReadyReplicas(1);
    client.resource(inventory).updateStatus();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ShopStack shop = current("demo");
              assertThat(shop.getStatus().getPhase()).isEqualTo(Phase.Degraded);
              assertThat(condition(shop, "Degraded").getMessage()).contains("inventory 1/2 Ready");
              assertThat(condition(shop, "Ready").getReason()).isEqualTo("ComponentsNotReady");
            });
    assertThat(
            client.v1().events().inNamespace(NS).list().getItems().stream().map(e -> e.getReason()))
        .contains("Ready", "Degraded");
  }

  @Test
  void aSpecChangeUpdatesTheObjectsAndAHandMadeChangeIsPutBack() throws IOException {
    create(example());
    await().atMost(WAIT).until(() -> deployment("demo-order") != null);

    editSpec(
        "demo",
        shop -> {
          shop.getSpec().getOrder().setReplicas(4);
          shop.getSpec().getImage().setTag("0.2.0");
        });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment order = deployment("demo-order");
              assertThat(order.getSpec().getReplicas()).isEqualTo(4);
              assertThat(order.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                  .isEqualTo("chaoslab/order-service:0.2.0");
            });

    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("demo-inventory")
        .edit(
            d -> {
              d.getSpec().setReplicas(9); // by hand
              return d;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(deployment("demo-inventory").getSpec().getReplicas()).isEqualTo(2));
  }

  @Test
  void anInvalidSpecIsAFailedConditionAndDeploysNothing() throws IOException {
    ShopStack shop = example();
    shop.getMetadata().setName("broken");
    shop.getSpec().getOrder().setReplicas(-1);
    shop.getSpec().getInventory().setEnv(List.of(new EnvVar("DATABASE_URL", "jdbc:nope", null)));
    create(shop);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ShopStack seen = current("broken");
              assertThat(seen.getStatus().getPhase()).isEqualTo(Phase.Failed);
              Condition ready = condition(seen, "Ready");
              assertThat(ready.getReason()).isEqualTo("InvalidSpec");
              assertThat(ready.getMessage())
                  .contains("order.replicas must be from 0 to 50, got -1")
                  .contains("inventory.env must not set DATABASE_URL");
            });
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void aMissingExternalSecretIsAConditionUntilTheSecretAppears() throws IOException {
    ShopStack shop = example();
    shop.getMetadata().setName("ext");
    shop.getSpec().getDatabase().setManaged(false);
    shop.getSpec().getDatabase().setSecretRef("shop-db");
    create(shop);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Condition ready = condition(current("ext"), "Ready");
              assertThat(ready.getReason()).isEqualTo("DatabaseSecretMissing");
              assertThat(ready.getMessage()).contains("Secret shop-db").contains("does not exist");
            });
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();

    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("shop-db")
                .endMetadata()
                .withStringData(
                    Map.of(
                        "DATABASE_URL", "jdbc:postgresql://db:5432/shop",
                        "DATABASE_USER", "shop",
                        "DATABASE_PASSWORD", "secret"))
                .build())
        .create();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(deployment("ext-order")).isNotNull();
              assertThat(
                      deployment("ext-order")
                          .getSpec()
                          .getTemplate()
                          .getSpec()
                          .getContainers()
                          .get(0)
                          .getEnv())
                  .filteredOn(e -> e.getName().equals("DATABASE_PASSWORD"))
                  .singleElement()
                  .satisfies(
                      e ->
                          assertThat(e.getValueFrom().getSecretKeyRef().getName())
                              .isEqualTo("shop-db"));
            });
    assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void theGeneratedPasswordIsNeverOverwritten() throws IOException {
    create(example());
    await()
        .atMost(WAIT)
        .until(() -> client.secrets().inNamespace(NS).withName("demo-database").get() != null);
    String password = databasePassword();
    assertThat(password).hasSize(32);

    // a spec change makes the operator reconcile again
    editSpec("demo", shop -> shop.getSpec().getOrder().setReplicas(3));
    await().atMost(WAIT).until(() -> deployment("demo-order").getSpec().getReplicas() == 3);

    assertThat(databasePassword()).isEqualTo(password);
  }

  /** The mock keeps {@code stringData} as written; a real API server turns it into {@code data}. */
  private String databasePassword() {
    var secret = client.secrets().inNamespace(NS).withName("demo-database").get();
    if (secret.getStringData() != null && secret.getStringData().containsKey("DATABASE_PASSWORD")) {
      return secret.getStringData().get("DATABASE_PASSWORD");
    }
    return new String(
        java.util.Base64.getDecoder().decode(secret.getData().get("DATABASE_PASSWORD")),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aServiceMonitorWithoutThePrometheusOperatorIsAConditionNotACrash() throws IOException {
    create(example()); // asks for a ServiceMonitor; the mock has no such CRD

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Condition monitoring = condition(current("demo"), "Monitoring");
              assertThat(monitoring.getStatus()).isEqualTo("False");
              assertThat(monitoring.getReason()).isEqualTo("ServiceMonitorCrdMissing");
              assertThat(monitoring.getMessage()).contains("servicemonitors.monitoring.coreos.com");
            });
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(3);
  }

  @Test
  void aServiceMonitorIsCreatedWhereItsCrdExistsAndRemovedWhenTurnedOff() throws IOException {
    MockOperator.installServiceMonitorCrd(client);
    var monitors = client.genericKubernetesResources(ShopServiceMonitor.CONTEXT);
    ShopStack shop = create(example());

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(monitors.inNamespace(NS).withName("demo").get()).isNotNull());
    var monitor = monitors.inNamespace(NS).withName("demo").get();
    assertThat(monitor.getMetadata().getOwnerReferences())
        .extracting("uid")
        .containsExactly(shop.getMetadata().getUid());
    assertThat(monitor.get("spec", "endpoints").toString()).contains("port=http", "path=/metrics");
    assertThat(condition(current("demo"), "Monitoring").getReason())
        .isEqualTo("ServiceMonitorReady");

    editSpec("demo", s -> s.getSpec().getMonitoring().setServiceMonitor(false));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(monitors.inNamespace(NS).withName("demo").get()).isNull());
  }

  /** kube-prometheus-stack's Prometheus selects ServiceMonitors by its release label. */
  @Test
  void theServiceMonitorCarriesTheLabelsThePrometheusSelectsBy() throws IOException {
    MockOperator.installServiceMonitorCrd(client);
    ShopStack shop = example();
    shop.getSpec().getMonitoring().setServiceMonitorLabels(Map.of("release", "kps"));
    create(shop);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(monitorLabels())
                    .containsEntry("release", "kps")
                    .containsEntry("app.kubernetes.io/instance", "demo")
                    .containsEntry("app.kubernetes.io/managed-by", "chaoslab-operator"));

    // The labels follow the spec: one taken off it goes.
    editSpec(
        "demo", s -> s.getSpec().getMonitoring().setServiceMonitorLabels(Map.of("team", "shop")));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(monitorLabels())
                    .containsEntry("team", "shop")
                    .doesNotContainKey("release"));
  }

  /**
   * The labels of ShopStack demo's ServiceMonitor; fails (for await to retry) while it is absent.
   */
  private Map<String, String> monitorLabels() {
    var monitor =
        client
            .genericKubernetesResources(ShopServiceMonitor.CONTEXT)
            .inNamespace(NS)
            .withName("demo")
            .get();
    assertThat(monitor).as("ServiceMonitor demo").isNotNull();
    return monitor.getMetadata().getLabels();
  }

  @Test
  void serviceMonitorLabelsThatAreInvalidOrTheOperatorsOwnAreAnInvalidSpec() throws IOException {
    ShopStack shop = example();
    shop.getMetadata().setName("labels");
    shop.getSpec()
        .getMonitoring()
        .setServiceMonitorLabels(
            Map.of("app.kubernetes.io/instance", "other", "bad key!", "x", "release", "-nope-"));
    create(shop);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Condition ready = condition(current("labels"), "Ready");
              assertThat(ready.getReason()).isEqualTo("InvalidSpec");
              assertThat(ready.getMessage())
                  .contains(
                      "monitoring.serviceMonitorLabels must not set app.kubernetes.io/instance:"
                          + " the operator sets it")
                  .contains("'bad key!: x' is not a valid Kubernetes label")
                  .contains("'release: -nope-' is not a valid Kubernetes label");
            });
  }
}
