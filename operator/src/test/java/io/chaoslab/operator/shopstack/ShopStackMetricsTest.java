package io.chaoslab.operator.shopstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.api.shopstack.Phase;
import io.chaoslab.operator.api.shopstack.ShopStack;
import io.chaoslab.operator.testing.ControllerStatus;
import io.chaoslab.operator.testing.MockOperator;
import io.chaoslab.operator.testing.Namespaces;
import io.chaoslab.operator.testing.PrometheusText;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code chaoslab_shopstack_desired_replicas} and {@code chaoslab_shopstack_ready_replicas} as
 * Prometheus scrapes them, from the real operator on fabric8's mock API server (CRUD mode). The
 * mock has no controllers: the test writes the Deployments' status as the Deployment controller
 * would when pods turn Ready or stop being Ready.
 */
@EnableKubernetesMockClient(crud = true)
class ShopStackMetricsTest {
  private static final String NS = "shop";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String DESIRED = "chaoslab_shopstack_desired_replicas";
  private static final String READY = "chaoslab_shopstack_ready_replicas";
  private static final Set<String> COMPONENTS = Set.of("order", "inventory", "notification");

  KubernetesMockServer server;
  KubernetesClient client;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Operator operator;

  @BeforeEach
  void startOperator() {
    Namespaces.create(client, NS);
    operator = MockOperator.startShopStack(client, registry);
  }

  @AfterEach
  void stopOperator() {
    operator.stop();
    registry.close();
  }

  private ShopStack create(String name) {
    ShopStack shop = MockOperator.exampleShop(client);
    shop.getMetadata().setName(name);
    return client.resource(shop).create();
  }

  private ShopStack current(String name) {
    return client.resources(ShopStack.class).inNamespace(NS).withName(name).get();
  }

  /** {@code ready} of the Deployment's pods are Ready. */
  private void readyPods(String deployment, int ready) {
    ControllerStatus.deploymentReady(client, NS, deployment, ready);
  }

  /** The samples of {@code metric} for the ShopStack {@code shop}, by component. */
  private Map<String, Double> byComponent(String metric, String shop) {
    Map<String, Double> values = new TreeMap<>();
    for (PrometheusText.Sample sample : PrometheusText.samples(registry.scrape(), metric)) {
      assertThat(sample.labels()).containsOnlyKeys("namespace", "shopstack", "component");
      if (sample.labels().get("namespace").equals(NS)
          && sample.labels().get("shopstack").equals(shop)) {
        values.put(sample.labels().get("component"), sample.value());
      }
    }
    return values;
  }

  private static Map<String, Double> each(double order, double inventory, double notification) {
    return Map.of("order", order, "inventory", inventory, "notification", notification);
  }

  /** Every line of the scrape about ShopStacks, comments included. */
  private Stream<String> shopStackLines() {
    return registry.scrape().lines().filter(line -> line.contains("chaoslab_shopstack_"));
  }

  @Test
  void bothGaugesPerComponentFollowTheReadyPods() {
    create("demo");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(byComponent(DESIRED, "demo")).isEqualTo(each(2, 2, 2));
              assertThat(byComponent(READY, "demo")).isEqualTo(each(0, 0, 0));
            });

    for (String component : COMPONENTS) {
      readyPods("demo-" + component, 2);
    }
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(byComponent(READY, "demo")).isEqualTo(each(2, 2, 2)));
    // the same numbers as the status
    var components = current("demo").getStatus().getComponents();
    assertThat(byComponent(READY, "demo").get("inventory"))
        .isEqualTo(components.getInventory().getReady().doubleValue());
    assertThat(byComponent(DESIRED, "demo").get("order"))
        .isEqualTo(components.getOrder().getDesired().doubleValue());

    // inventory's pods stop being Ready
    readyPods("demo-inventory", 0);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(byComponent(READY, "demo")).isEqualTo(each(2, 0, 2)));
    assertThat(byComponent(DESIRED, "demo")).isEqualTo(each(2, 2, 2));
    assertThat(shopStackLines())
        .anyMatch(line -> line.startsWith("# TYPE " + DESIRED + " gauge"))
        .anyMatch(line -> line.startsWith("# TYPE " + READY + " gauge"));
  }

  @Test
  void aDeletedShopStackLeavesNoSeries() {
    create("demo");
    create("other");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(byComponent(DESIRED, "demo")).isEqualTo(each(2, 2, 2));
              assertThat(byComponent(DESIRED, "other")).isEqualTo(each(2, 2, 2));
            });

    client.resources(ShopStack.class).inNamespace(NS).withName("demo").delete();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(byComponent(DESIRED, "demo")).isEmpty();
              assertThat(byComponent(READY, "demo")).isEmpty();
            });
    assertThat(byComponent(DESIRED, "other")).isEqualTo(each(2, 2, 2));
    assertThat(byComponent(READY, "other")).isEqualTo(each(0, 0, 0));
    assertThat(shopStackLines())
        .noneMatch(line -> line.contains("shopstack=\"demo\""))
        .noneMatch(line -> line.contains("NaN"));
  }

  @Test
  void aShopStackTheOperatorCannotDeployExportsNothing() {
    ShopStack invalid = MockOperator.exampleShop(client);
    invalid.getMetadata().setName("broken");
    invalid.getSpec().getOrder().setReplicas(-1);
    client.resource(invalid).create();
    ShopStack noSecret = MockOperator.exampleShop(client);
    noSecret.getMetadata().setName("ext");
    noSecret.getSpec().getDatabase().setManaged(false);
    noSecret.getSpec().getDatabase().setSecretRef("shop-db");
    client.resource(noSecret).create();
    create("demo");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (String name : List.of("broken", "ext")) {
                assertThat(current(name).getStatus()).isNotNull();
                assertThat(current(name).getStatus().getPhase()).isEqualTo(Phase.Failed);
              }
              assertThat(byComponent(DESIRED, "demo")).isEqualTo(each(2, 2, 2));
            });
    // the status still lists the components (nothing deployed: 0 of 0), the gauges do not
    assertThat(current("broken").getStatus().getComponents().getOrder().getDesired()).isZero();
    assertThat(shopStackLines())
        .noneMatch(line -> line.contains("shopstack=\"broken\""))
        .noneMatch(line -> line.contains("shopstack=\"ext\""));
  }

  @Test
  void aStoppedOperatorExportsNoSeries() {
    create("demo");
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(byComponent(DESIRED, "demo")).isEqualTo(each(2, 2, 2)));

    operator.stop();

    assertThat(shopStackLines()).noneMatch(line -> !line.startsWith("#"));
  }
}
