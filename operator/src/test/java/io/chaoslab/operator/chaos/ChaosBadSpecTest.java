package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentSpec;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.chaoslab.operator.api.chaos.Mode;
import io.chaoslab.operator.api.chaos.ProbeSpec;
import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.api.chaos.SloSpec;
import io.chaoslab.operator.api.chaos.TargetSpec;
import io.chaoslab.operator.conditions.Conditions;
import io.chaoslab.operator.testing.FakeWorkload;
import io.chaoslab.operator.testing.PodLifecycle;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Specs the CRD's schema refuses, sent to fabric8's mock API server, which validates nothing (as an
 * API server whose CRD lacks the newest rules would not): the operator must end each {@code Error}
 * with reason {@code InvalidSpec} and a message naming the field, write that status once and leave
 * it, touch no pod, and go on running other experiments. The schema's own refusals are in {@code
 * ChaosExperimentSchemaTest} and {@code ChaosExperimentCelRulesTest}.
 */
@EnableKubernetesMockClient(crud = true)
class ChaosBadSpecTest {
  private static final ResourceDefinitionContext EXPERIMENTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("chaoslab.io")
          .withVersion("v1alpha1")
          .withKind("ChaosExperiment")
          .withPlural("chaosexperiments")
          .withNamespaced(true)
          .build();

  KubernetesMockServer server;
  KubernetesClient client;
  private ChaosHarness shop;
  private FakeWorkload order;

  @BeforeEach
  void startShop() {
    shop = ChaosHarness.start(client, server);
    order = shop.run(ShopComponent.ORDER, PodLifecycle.FAST);
  }

  @AfterEach
  void stopShop() {
    shop.close();
    assertThat(shop.cluster.errors()).isEmpty();
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        invalid(
            "a negative grace period",
            s -> s.setGracePeriodSeconds(-1L),
            "spec.gracePeriodSeconds must be at least 0, got -1"),
        invalid("no round", s -> s.setRounds(0), "spec.rounds must be between 1 and 100, got 0"),
        invalid(
            "a negative interval",
            s -> s.setIntervalSeconds(-5),
            "spec.intervalSeconds must be between 0 and 3600, got -5"),
        invalid(
            "a timeout of 1 s",
            s -> s.setTimeoutSeconds(1),
            "spec.timeoutSeconds must be between 10 and 86400, got 1"),
        invalid(
            "150 percent",
            s -> {
              s.setMode(Mode.PERCENT);
              s.setValue(150);
            },
            "spec.value is a percent for mode percent: at most 100, got 150"),
        invalid(
            "a fixed number of no pods",
            s -> {
              s.setMode(Mode.FIXED);
              s.setValue(0);
            },
            "spec.value must be at least 1, got 0"),
        invalid(
            "mode fixed without a value",
            s -> s.setMode(Mode.FIXED),
            "spec.value is required for mode fixed"),
        invalid(
            "both target forms",
            s -> s.getTarget().setSelector(selector(Map.of("app", "web"))),
            "spec.target takes exactly one form: {shopStack, component} or {selector}"),
        invalid(
            "neither target form",
            s -> s.setTarget(new TargetSpec()),
            "spec.target takes exactly one form: {shopStack, component} or {selector}"),
        invalid(
            "a ShopStack without a component",
            s -> s.getTarget().setComponent(null),
            "spec.target.shopStack needs target.component: order, inventory, notification or"
                + " database"),
        invalid(
            "an empty selector",
            s -> s.setTarget(selectorTarget(selector(Map.of()))),
            "spec.target.selector must not be empty: an empty selector matches every pod in the"
                + " namespace"),
        invalid(
            "a selector expression with an unknown operator",
            s -> s.setTarget(selectorTarget(expression("app", "Equals", List.of("web")))),
            "spec.target.selector.matchExpressions[0].operator must be In, NotIn, Exists or"
                + " DoesNotExist, got Equals"),
        invalid(
            "a selector expression without an operator",
            s -> s.setTarget(selectorTarget(expression("app", null, List.of()))),
            "spec.target.selector.matchExpressions[0].operator must be In, NotIn, Exists or"
                + " DoesNotExist, got null"),
        invalid(
            "a selector expression In without values",
            s -> s.setTarget(selectorTarget(expression("app", "In", List.of()))),
            "spec.target.selector.matchExpressions[0].values must not be empty for operator In"),
        invalid(
            "a selector expression Exists with values",
            s -> s.setTarget(selectorTarget(expression("app", "Exists", List.of("web")))),
            "spec.target.selector.matchExpressions[0].values must be empty for operator Exists"),
        invalid(
            "a selector expression without a key",
            s -> s.setTarget(selectorTarget(expression(null, "Exists", List.of()))),
            "spec.target.selector.matchExpressions[0].key is required"),
        invalid(
            "a probe URL that is not http",
            s -> s.setProbe(probe("ftp://demo-order.shop.svc/ready")),
            "spec.probe.url must be an absolute http or https URL, got"
                + " ftp://demo-order.shop.svc/ready"),
        invalid(
            "a recovery SLO of 0 s",
            s -> {
              SloSpec slo = new SloSpec();
              slo.setMaxRecoverySeconds(0.0);
              s.setSlo(slo);
            },
            "spec.slo.maxRecoverySeconds must be more than 0, got 0.0"),
        invalid(
            "two mistakes at once",
            s -> {
              s.setRounds(0);
              s.setGracePeriodSeconds(-1L);
            },
            "spec.gracePeriodSeconds must be at least 0, got -1; spec.rounds must be between 1"
                + " and 100, got 0"));
  }

  private static Arguments invalid(
      String what, Consumer<ChaosExperimentSpec> adjust, String message) {
    return Arguments.of(what, adjust, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void anInvalidSpecEndsErrorInvalidSpecOnceAndTouchesNoPod(
      String what, Consumer<ChaosExperimentSpec> adjust, String message) {
    Map<String, String> before = shop.podUids();
    ChaosExperiment experiment = shop.experiment("bad", adjust);
    List<ChaosExperimentStatus> writes = new CopyOnWriteArrayList<>();

    try (Watch watch = watchStatusWrites("bad", writes)) {
      ChaosExperimentStatus status = shop.runToCompletion(experiment);

      assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Error);
      assertThat(status.getMessage()).isEqualTo(message);
      Condition succeeded = condition(status, ExperimentOutcome.SUCCEEDED);
      assertThat(succeeded.getStatus()).isEqualTo("False");
      assertThat(succeeded.getReason()).isEqualTo("InvalidSpec");
      assertThat(succeeded.getMessage()).isEqualTo(message);
      assertThat(condition(status, ExperimentOutcome.COMPLETE).getStatus()).isEqualTo("True");
      assertThat(status.getKills()).isNull();
      assertThat(status.getStartedAt()).isNull();
      // the status is written once, with the Error, and left alone: no retry, no loop
      await().atMost(ChaosHarness.WAIT).until(() -> !writes.isEmpty());
      await()
          .during(Duration.ofMillis(700))
          .atMost(Duration.ofSeconds(3))
          .until(() -> writes.size() == 1 && warnings("bad").size() == 1);
    }
    assertThat(writes.get(0).getPhase()).isEqualTo(ExperimentPhase.Error);
    assertThat(warnings("bad"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getReason()).isEqualTo("InvalidSpec");
              assertThat(e.getMessage()).isEqualTo(message);
            });
    assertThat(shop.podUids()).isEqualTo(before);
    assertThat(order.kills()).isEmpty();
    assertThat(shop.get("bad").getStatus().getPhase()).isEqualTo(ExperimentPhase.Error);
  }

  static Stream<Arguments> unreadableSpecs() {
    return Stream.of(
        Arguments.of(
            "{target: {shopStack: demo, component: order}, action: pod-kill, mode: some}",
            "spec.mode must be one, fixed, percent or all"),
        Arguments.of(
            "{target: {shopStack: demo, component: order}, action: pod-delete}",
            "spec.action must be pod-kill or pod-evict"),
        Arguments.of(
            "{target: {shopStack: demo, component: payment}, action: pod-kill}",
            "spec.target.shopStack needs target.component: order, inventory, notification or"
                + " database"));
  }

  /**
   * A mode, action or component outside the enumeration: the API server refuses it (see {@code
   * ChaosExperimentSchemaTest}); the mock stores it. The operator reads it as no value and refuses
   * the experiment, rather than failing to read it: an informer that cannot read one object stops,
   * and JOSDK then stops the operator (and every restart would fail to list it again).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableSpecs")
  void anUnknownEnumValueEndsErrorInvalidSpecAndTheOperatorGoesOn(String spec, String message) {
    Map<String, String> before = shop.podUids();
    createRaw("unknown", spec);

    ChaosExperimentStatus status = shop.awaitComplete("unknown", ChaosHarness.WAIT);

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Error);
    assertThat(condition(status, ExperimentOutcome.SUCCEEDED).getReason()).isEqualTo("InvalidSpec");
    assertThat(status.getMessage()).isEqualTo(message);
    // the operator goes on with the experiments it can read, now and after a restart (when its
    // informer lists the one with the unknown value again)
    assertDryRunPasses("after-the-unknown");
    shop.restartOperator();
    assertDryRunPasses("after-a-restart");
    assertThat(shop.get("unknown").getStatus().getPhase()).isEqualTo(ExperimentPhase.Error);
    assertThat(warnings("unknown")).hasSize(1);
    assertThat(shop.podUids()).isEqualTo(before);
    assertThat(order.kills()).isEmpty();
  }

  // ---- helpers ----

  private void assertDryRunPasses(String name) {
    ChaosExperimentStatus status =
        shop.runToCompletion(shop.experiment(name, spec -> spec.setDryRun(true)));
    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(status.getPlan()).hasSize(1);
  }

  private void createRaw(String name, String spec) {
    GenericKubernetesResource resource =
        client
            .getKubernetesSerialization()
            .unmarshal(
                """
                apiVersion: chaoslab.io/v1alpha1
                kind: ChaosExperiment
                metadata: {name: %s, namespace: %s}
                spec: %s
                """
                    .formatted(name, ChaosHarness.NS, spec),
                GenericKubernetesResource.class);
    client.genericKubernetesResources(EXPERIMENTS).resource(resource).create();
  }

  /** Collects the status of every change of the experiment after its creation. */
  private Watch watchStatusWrites(String name, List<ChaosExperimentStatus> writes) {
    return client
        .resources(ChaosExperiment.class)
        .inNamespace(ChaosHarness.NS)
        .withName(name)
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, ChaosExperiment resource) {
                if (action == Action.MODIFIED) {
                  writes.add(resource.getStatus());
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  private List<io.fabric8.kubernetes.api.model.Event> warnings(String experiment) {
    return client.v1().events().inNamespace(ChaosHarness.NS).list().getItems().stream()
        .filter(e -> experiment.equals(e.getInvolvedObject().getName()))
        .filter(e -> "Warning".equals(e.getType()))
        .toList();
  }

  private static Condition condition(ChaosExperimentStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  private static LabelSelector selector(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(labels).build();
  }

  private static LabelSelector expression(String key, String operator, List<String> values) {
    return new LabelSelectorBuilder()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .endMatchExpression()
        .build();
  }

  private static TargetSpec selectorTarget(LabelSelector selector) {
    TargetSpec target = new TargetSpec();
    target.setSelector(selector);
    return target;
  }

  private static ProbeSpec probe(String url) {
    ProbeSpec probe = new ProbeSpec();
    probe.setUrl(url);
    return probe;
  }
}
