package io.chaoslab.operator.chaos;

import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentSpec;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.testing.Experiments;
import io.chaoslab.operator.testing.FakeWorkload;
import io.chaoslab.operator.testing.FakeWorkloads;
import io.chaoslab.operator.testing.MockOperator;
import io.chaoslab.operator.testing.Namespaces;
import io.chaoslab.operator.testing.PodLifecycle;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A shop on fabric8's mock API server for the chaos tests: the namespace {@code shop} (labelled for
 * chaos unless asked otherwise), the operator with both reconcilers, the example ShopStack {@code
 * demo} deployed by it, and the fixture ({@link FakeWorkloads}) playing the controllers and kubelet
 * for the components a test runs. Experiments are built from a ready-to-run default spec (one order
 * pod, pod-kill, one round, no probe) that each test adjusts.
 */
final class ChaosHarness implements AutoCloseable {
  static final String NS = "shop";
  static final String SHOP = "demo";
  static final Duration WAIT = Duration.ofSeconds(20);

  final KubernetesClient client;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final FakeWorkloads cluster;
  private MockOperator.Running operator;

  private ChaosHarness(KubernetesClient client, KubernetesMockServer server, boolean chaosEnabled) {
    this.client = client;
    if (chaosEnabled) {
      Experiments.enabledNamespace(client, NS);
    } else {
      Namespaces.create(client, NS);
    }
    operator = MockOperator.start(client, registry);
    client.resource(MockOperator.exampleShop(client)).create();
    await()
        .atMost(WAIT)
        .until(
            () ->
                client.apps().deployments().inNamespace(NS).list().getItems().size() == 3
                    && client.apps().statefulSets().inNamespace(NS).list().getItems().size() == 1);
    cluster = FakeWorkloads.start(client, server);
  }

  /** The shop in a namespace labelled {@code chaoslab.io/chaos=enabled}. */
  static ChaosHarness start(KubernetesClient client, KubernetesMockServer server) {
    return new ChaosHarness(client, server, true);
  }

  /** The shop in a namespace without the label: every experiment must end Error. */
  static ChaosHarness withoutChaosLabel(KubernetesClient client, KubernetesMockServer server) {
    return new ChaosHarness(client, server, false);
  }

  /** Runs a component's pods (all Ready), replacements coming up as {@code lifecycle} says. */
  FakeWorkload run(ShopComponent component, PodLifecycle lifecycle) {
    String name = SHOP + "-" + component.wireName();
    FakeWorkloads.Setup setup =
        component == ShopComponent.DATABASE
            ? cluster.statefulSet(NS, name)
            : cluster.deployment(NS, name);
    return setup.lifecycle(lifecycle).start();
  }

  /** An experiment named {@code name}: the default spec, then {@code adjust}. */
  ChaosExperiment experiment(String name, Consumer<ChaosExperimentSpec> adjust) {
    return Experiments.of(NS, name, SHOP, adjust);
  }

  /** Creates the experiment and waits for its {@code Complete} condition; returns its status. */
  ChaosExperimentStatus runToCompletion(ChaosExperiment experiment) {
    return Experiments.runToCompletion(client, experiment, WAIT).getStatus();
  }

  ChaosExperimentStatus awaitComplete(String name, Duration timeout) {
    return Experiments.awaitComplete(client, NS, name, timeout).getStatus();
  }

  ChaosExperiment get(String name) {
    return client.resources(ChaosExperiment.class).inNamespace(NS).withName(name).get();
  }

  static boolean conditionTrue(ChaosExperiment experiment, String type) {
    return Experiments.conditionTrue(experiment, type);
  }

  /** The pods of the namespace now, by name. */
  List<String> podNames() {
    return client.pods().inNamespace(NS).list().getItems().stream()
        .map(Pod::getMetadata)
        .map(m -> m.getName())
        .sorted()
        .toList();
  }

  /** The pods of the namespace now: name to UID, by name. */
  Map<String, String> podUids() {
    return client.pods().inNamespace(NS).list().getItems().stream()
        .collect(
            Collectors.toMap(
                p -> p.getMetadata().getName(),
                p -> p.getMetadata().getUid(),
                (a, b) -> a,
                TreeMap::new));
  }

  /** A Service selecting {@code selector}, so the fixture writes its EndpointSlice. */
  void service(String name, Map<String, String> selector) {
    client
        .services()
        .inNamespace(NS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withSelector(selector)
                .addNewPort()
                .withName("http")
                .withPort(8080)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  /** Stops the operator as a pod stop does, and starts a new one on the same cluster. */
  void restartOperator() {
    operator.close();
    operator = MockOperator.start(client, registry);
  }

  void stopOperator() {
    operator.close();
  }

  void startOperator() {
    operator = MockOperator.start(client, registry);
  }

  /** The Prometheus text exposition of the operator's registry. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    cluster.close();
    operator.close();
  }
}
