package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.api.chaos.Action;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.chaoslab.operator.api.chaos.KillStatus;
import io.chaoslab.operator.api.chaos.Mode;
import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.api.chaos.TargetSpec;
import io.chaoslab.operator.api.shopstack.ShopStack;
import io.chaoslab.operator.conditions.Conditions;
import io.chaoslab.operator.testing.FakeWorkload;
import io.chaoslab.operator.testing.KillTruth;
import io.chaoslab.operator.testing.PodLifecycle;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What keeps an experiment from doing harm: it touches no pod unless chaos is enabled in the
 * namespace, the target exists and every one of its pods is Ready; it honours the
 * PodDisruptionBudgets (refusals are recorded, not retried); and both target forms and the
 * database's StatefulSet run end to end.
 */
@EnableKubernetesMockClient(crud = true)
class ChaosSafetyTest {
  private static final Map<String, String> WEB = Map.of("app", "web");
  private static final PodLifecycle QUICK = PodLifecycle.delaysMillis(50, 80, 120, 200, 250);

  KubernetesMockServer server;
  KubernetesClient client;
  private ChaosHarness shop;

  @AfterEach
  void stopShop() {
    if (shop != null) {
      shop.close();
      assertThat(shop.cluster.errors()).isEmpty();
    }
  }

  // ---- no pod touched: the preflight checks ----

  @Test
  void aTargetWithAPodNotReadyEndsErrorTargetNotReady() {
    shop = ChaosHarness.start(client, server);
    FakeWorkload order = shop.run(ShopComponent.ORDER, QUICK);
    String unready = order.pods().get(0);
    failReadiness(unready);
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status = shop.runToCompletion(shop.experiment("unready", spec -> {}));

    assertError(status, "TargetNotReady");
    assertThat(status.getMessage())
        .isEqualTo(
            "steady state not met: Deployment demo-order has 1 of 2 pods Ready (not Ready: %s);"
                + " no pod touched",
            unready);
    assertNoPodTouched(before, order);
  }

  @Test
  void aComponentWithoutPodsEndsErrorTargetNotReady() {
    shop = ChaosHarness.start(client, server);
    FakeWorkload order = shop.run(ShopComponent.ORDER, QUICK);
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                "no-inventory-pods",
                spec -> spec.getTarget().setComponent(ShopComponent.INVENTORY)));

    assertError(status, "TargetNotReady");
    assertThat(status.getMessage())
        .isEqualTo(
            "steady state not met: Deployment demo-inventory has 0 of 2 pods Ready; no pod"
                + " touched");
    assertNoPodTouched(before, order);
  }

  @Test
  void aShopStackThatDoesNotExistEndsErrorTargetNotFound() {
    shop = ChaosHarness.start(client, server);
    FakeWorkload order = shop.run(ShopComponent.ORDER, QUICK);
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment("no-such-shop", spec -> spec.getTarget().setShopStack("nope")));

    assertError(status, "TargetNotFound");
    assertThat(status.getMessage())
        .isEqualTo("ShopStack nope not found in namespace shop; no pod touched");
    assertNoPodTouched(before, order);
  }

  @Test
  void aSelectorThatMatchesNoPodEndsErrorTargetNotFound() {
    shop = ChaosHarness.start(client, server);
    FakeWorkload order = shop.run(ShopComponent.ORDER, QUICK);
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment("no-such-pods", spec -> spec.setTarget(selector(Map.of("app", "x")))));

    assertError(status, "TargetNotFound");
    assertThat(status.getMessage())
        .isEqualTo("no pod in namespace shop matches the selector app=x; no pod touched");
    assertNoPodTouched(before, order);
  }

  @Test
  void theDatabaseOfAShopWithAnExternalDatabaseEndsErrorTargetNotFound() {
    shop = ChaosHarness.start(client, server);
    FakeWorkload order = shop.run(ShopComponent.ORDER, QUICK);
    client.resource(shopStack("../crds/examples/shopstack-external-db.yaml")).create();
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                "external-database",
                spec -> {
                  spec.getTarget().setShopStack("demo-external-db");
                  spec.getTarget().setComponent(ShopComponent.DATABASE);
                }));

    assertError(status, "TargetNotFound");
    assertThat(status.getMessage())
        .isEqualTo(
            "StatefulSet demo-external-db-database of ShopStack demo-external-db not found in"
                + " namespace shop (a ShopStack with an external database has no database pod);"
                + " no pod touched");
    assertNoPodTouched(before, order);
  }

  @Test
  void aNamespaceWithoutTheChaosLabelEndsErrorNamespaceNotEnabled() {
    shop = ChaosHarness.withoutChaosLabel(client, server);
    FakeWorkload order = shop.run(ShopComponent.ORDER, QUICK);
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status = shop.runToCompletion(shop.experiment("not-here", spec -> {}));

    assertError(status, "NamespaceNotEnabled");
    assertThat(status.getMessage())
        .isEqualTo(
            "chaos is not enabled in namespace shop: it runs only where the namespace is labelled"
                + " chaoslab.io/chaos=enabled (kubectl label namespace shop"
                + " chaoslab.io/chaos=enabled); no pod touched");
    assertNoPodTouched(before, order);
  }

  // ---- PodDisruptionBudgets ----

  @Test
  void podEvictOfEveryPodIsAdmittedOnceAndRefusedOnceByTheBudget() {
    shop = ChaosHarness.start(client, server);
    FakeWorkload order = runWithBudget(ShopComponent.ORDER);
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                "evict-all",
                spec -> {
                  spec.setAction(Action.POD_EVICT);
                  spec.setMode(Mode.ALL);
                }));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(condition(status, ExperimentOutcome.SUCCEEDED).getReason()).isEqualTo("SloMet");
    assertThat(status.getMessage()).endsWith("; 1 kill(s) refused");
    assertThat(status.getKills()).hasSize(2);
    assertThat(status.getKillCount()).isEqualTo(1);
    KillStatus evicted = single(status, false);
    KillStatus refused = single(status, true);
    assertThat(refused.getRefused())
        .isEqualTo(
            "the Eviction API refused (429): a PodDisruptionBudget allows no disruption now");
    assertThat(refused.getKilledAt()).isNull();
    assertThat(refused.getRecoverySeconds()).isNull();
    // the refused pod is the same pod as before; the evicted one is the fixture's only loss
    assertThat(shop.podUids()).containsEntry(refused.getPod(), before.get(refused.getPod()));
    assertThat(order.kills())
        .singleElement()
        .satisfies(
            truth -> {
              assertThat(truth.uid()).isEqualTo(evicted.getUid());
              assertThat(truth.cause()).isEqualTo(KillTruth.Cause.EVICTED);
              assertThat(evicted.getReplacement()).isEqualTo(truth.replacement().orElseThrow());
            });
    assertThat(evicted.getRecoverySeconds()).isNotNull();
    assertThat(warnings("evict-all", "KillRefused")).hasSize(1);
    // one refusal, not retried: neither by the client (429 backoff) nor by the operator later
    assertThat(shop.cluster.evictionsRefused()).isEqualTo(1);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> shop.cluster.evictionsRefused() == 1 && order.kills().size() == 1);
  }

  @Test
  void podKillBeyondTheBudgetIsRefusedAndRecorded() {
    shop = ChaosHarness.start(client, server);
    FakeWorkload order = runWithBudget(ShopComponent.ORDER);
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status =
        shop.runToCompletion(shop.experiment("kill-all", spec -> spec.setMode(Mode.ALL)));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(status.getMessage()).endsWith("; 1 kill(s) refused");
    assertThat(status.getKillCount()).isEqualTo(1);
    KillStatus killed = single(status, false);
    KillStatus refused = single(status, true);
    assertThat(refused.getRefused())
        .isEqualTo(
            "PodDisruptionBudget demo-order allows 1 disruption(s) and 1 already made: killing %s"
                + " would break it",
            refused.getPod());
    assertThat(refused.getKilledAt()).isNull();
    assertThat(shop.podUids()).containsEntry(refused.getPod(), before.get(refused.getPod()));
    assertThat(order.kills())
        .singleElement()
        .satisfies(
            truth -> {
              assertThat(truth.uid()).isEqualTo(killed.getUid());
              assertThat(truth.cause()).isEqualTo(KillTruth.Cause.DELETED);
            });
    assertThat(warnings("kill-all", "KillRefused")).hasSize(1);
  }

  @Test
  void podKillBreaksTheBudgetWhenTheSpecAllowsIt() {
    shop = ChaosHarness.start(client, server);
    FakeWorkload order = runWithBudget(ShopComponent.ORDER);
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                "kill-all-anyway",
                spec -> {
                  spec.setMode(Mode.ALL);
                  spec.setAllowDisruptionBudgetViolation(true);
                }));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(status.getKills()).hasSize(2).allSatisfy(k -> assertThat(k.getRefused()).isNull());
    assertThat(status.getKillCount()).isEqualTo(2);
    assertThat(order.kills())
        .extracting(KillTruth::uid)
        .containsExactlyInAnyOrderElementsOf(before.values());
    assertThat(status.getKills())
        .extracting(KillStatus::getUid)
        .containsExactlyInAnyOrderElementsOf(before.values());
    assertThat(shop.podUids().values()).doesNotContainAnyElementsOf(before.values()).hasSize(2);
  }

  @Test
  void whenTheBudgetRefusesEveryPodKillTheExperimentEndsErrorKillsRefused() {
    shop = ChaosHarness.start(client, server);
    FakeWorkload web = runWebWithBudgetAllowingNothing();
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status =
        shop.runToCompletion(shop.experiment("kill-web", spec -> spec.setTarget(selector(WEB))));

    assertError(status, "KillsRefused");
    KillStatus refused = single(status, true);
    assertThat(status.getMessage())
        .isEqualTo(
            "no pod was killed: %s: PodDisruptionBudget web allows 0 disruption(s) and 0 already"
                + " made: killing %s would break it",
            refused.getPod(), refused.getPod());
    assertThat(status.getKillCount()).isZero();
    assertNoPodTouched(before, web);
  }

  @Test
  void whenTheEvictionApiRefusesEveryPodTheExperimentEndsErrorKillsRefused() {
    shop = ChaosHarness.start(client, server);
    FakeWorkload web = runWebWithBudgetAllowingNothing();
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                "evict-web",
                spec -> {
                  spec.setTarget(selector(WEB));
                  spec.setAction(Action.POD_EVICT);
                  spec.setMode(Mode.ALL);
                }));

    assertError(status, "KillsRefused");
    assertThat(status.getKills()).hasSize(2).allMatch(k -> k.getRefused() != null);
    assertThat(status.getMessage())
        .startsWith("no pod was killed: ")
        .contains(
            status.getKills().get(0).getPod()
                + ": the Eviction API refused (429): a PodDisruptionBudget allows no disruption"
                + " now",
            status.getKills().get(1).getPod() + ": ");
    assertThat(shop.cluster.evictionsRefused()).isEqualTo(2);
    assertNoPodTouched(before, web);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> shop.cluster.evictionsRefused() == 2);
  }

  // ---- the other target forms, end to end ----

  @Test
  void aSelectorTargetRunsEndToEnd() {
    shop = ChaosHarness.start(client, server);
    shop.service("web", WEB);
    FakeWorkload web =
        shop.cluster.selector(ChaosHarness.NS, "web", WEB, 3).lifecycle(QUICK).start();
    Map<String, String> before = shop.podUids();

    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                "kill-two-web",
                spec -> {
                  spec.setTarget(selector(WEB));
                  spec.setMode(Mode.FIXED);
                  spec.setValue(2);
                  spec.setSeed(11L);
                }));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(status.getTarget()).isEqualTo("app=web");
    assertThat(status.getDesiredReadyPods()).isEqualTo(3);
    assertThat(status.getKills()).hasSize(2);
    for (KillStatus kill : status.getKills()) {
      KillTruth truth = web.kill(kill.getPod()).orElseThrow();
      assertThat(kill.getUid()).isEqualTo(truth.uid()).isEqualTo(before.get(kill.getPod()));
      assertThat(kill.getReplacement()).isEqualTo(truth.replacement().orElseThrow());
      assertThat(kill.getRecoverySeconds()).isPositive();
      assertThat(kill.getServingAt()).isNotNull();
    }
    assertThat(web.kills()).hasSize(2);
    assertThat(web.pods()).hasSize(3);
  }

  @Test
  void theDatabaseStatefulSetRunsEndToEndWithItsSameNameReplacement() {
    shop = ChaosHarness.start(client, server);
    FakeWorkload database =
        shop.run(ShopComponent.DATABASE, QUICK.withTerminationGrace(Duration.ofMillis(300)));
    String pod = database.pods().get(0);
    String uid = shop.podUids().get(pod);

    ChaosExperimentStatus status =
        shop.runToCompletion(
            shop.experiment(
                "evict-database",
                spec -> {
                  spec.getTarget().setComponent(ShopComponent.DATABASE);
                  spec.setAction(Action.POD_EVICT);
                }));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(status.getTarget()).isEqualTo("demo/database");
    assertThat(status.getDesiredReadyPods()).isEqualTo(1);
    assertThat(pod).isEqualTo("demo-database-0");
    KillStatus kill = status.getKills().get(0);
    assertThat(status.getKills()).hasSize(1);
    KillTruth truth = database.kill(pod).orElseThrow();
    assertThat(truth.cause()).isEqualTo(KillTruth.Cause.EVICTED);
    assertThat(kill.getPod()).isEqualTo(pod);
    assertThat(kill.getUid()).isEqualTo(uid).isEqualTo(truth.uid());
    // the replacement has the same name and a new UID, and only came once the old pod was gone
    assertThat(kill.getReplacement()).isEqualTo(pod);
    assertThat(truth.replacementUid().orElseThrow()).isNotEqualTo(uid);
    assertThat(shop.podUids()).containsEntry(pod, truth.replacementUid().orElseThrow());
    // measured from the old pod's eviction to the new pod's Ready, not confused by the name
    double trueRecovery =
        Duration.between(truth.killedAt(), truth.readyAt().orElseThrow()).toMillis() / 1000.0;
    assertThat(trueRecovery).isGreaterThanOrEqualTo(0.3);
    assertThat(kill.getRecoverySeconds()).isCloseTo(trueRecovery, Offset.offset(0.1));
  }

  // ---- helpers ----

  /** The component's pods, once its PodDisruptionBudget (maxUnavailable 1) allows 1 disruption. */
  private FakeWorkload runWithBudget(ShopComponent component) {
    String name = ChaosHarness.SHOP + "-" + component.wireName();
    await().atMost(ChaosHarness.WAIT).until(() -> budget(name) != null);
    assertThat(budget(name).getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    FakeWorkload workload = shop.run(component, QUICK);
    await()
        .atMost(ChaosHarness.WAIT)
        .until(
            () ->
                budget(name).getStatus() != null
                    && Integer.valueOf(1).equals(budget(name).getStatus().getDisruptionsAllowed()));
    return workload;
  }

  /** Two bare pods {@code app=web} and a budget that wants both of them: no disruption allowed. */
  private FakeWorkload runWebWithBudgetAllowingNothing() {
    client
        .resource(
            new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(ChaosHarness.NS)
                .endMetadata()
                .withNewSpec()
                .withMinAvailable(new IntOrString(2))
                .withNewSelector()
                .withMatchLabels(WEB)
                .endSelector()
                .endSpec()
                .build())
        .create();
    FakeWorkload web =
        shop.cluster.selector(ChaosHarness.NS, "web", WEB, 2).lifecycle(QUICK).start();
    await()
        .atMost(ChaosHarness.WAIT)
        .until(
            () ->
                budget("web").getStatus() != null
                    && Integer.valueOf(2).equals(budget("web").getStatus().getExpectedPods())
                    && Integer.valueOf(0)
                        .equals(budget("web").getStatus().getDisruptionsAllowed()));
    return web;
  }

  private PodDisruptionBudget budget(String name) {
    return client
        .policy()
        .v1()
        .podDisruptionBudget()
        .inNamespace(ChaosHarness.NS)
        .withName(name)
        .get();
  }

  /** The readiness probe of the pod fails: its Ready condition turns False. */
  private void failReadiness(String name) {
    Pod pod = client.pods().inNamespace(ChaosHarness.NS).withName(name).get();
    List<PodCondition> conditions = pod.getStatus().getConditions();
    int ready =
        conditions.indexOf(
            conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow());
    client
        .pods()
        .inNamespace(ChaosHarness.NS)
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/status/conditions/%d/status\",\"value\":\"False\"}]"
                .formatted(ready));
    assertThat(PodState.of(client.pods().inNamespace(ChaosHarness.NS).withName(name).get()).ready())
        .isFalse();
  }

  private static TargetSpec selector(Map<String, String> labels) {
    TargetSpec target = new TargetSpec();
    target.setSelector(new LabelSelectorBuilder().withMatchLabels(labels).build());
    return target;
  }

  private ShopStack shopStack(String file) {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return client.resources(ShopStack.class).load(in).item();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every pod of the namespace now: name to UID. */
  private void assertNoPodTouched(Map<String, String> before, FakeWorkload... workloads) {
    assertThat(before).isNotEmpty();
    assertThat(shop.podUids()).isEqualTo(before);
    for (FakeWorkload workload : workloads) {
      assertThat(workload.kills()).as(workload.name() + " kills").isEmpty();
    }
  }

  private static void assertError(ChaosExperimentStatus status, String reason) {
    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Error);
    Condition complete = condition(status, ExperimentOutcome.COMPLETE);
    assertThat(complete.getStatus()).isEqualTo("True");
    assertThat(complete.getReason()).isEqualTo("Error");
    Condition succeeded = condition(status, ExperimentOutcome.SUCCEEDED);
    assertThat(succeeded.getStatus()).isEqualTo("False");
    assertThat(succeeded.getReason()).isEqualTo(reason);
    assertThat(succeeded.getMessage()).isEqualTo(status.getMessage());
    assertThat(status.getFinishedAt()).isNotNull();
  }

  private static Condition condition(ChaosExperimentStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  /** The experiment's one kill entry that was refused ({@code true}) or done. */
  private static KillStatus single(ChaosExperimentStatus status, boolean refused) {
    List<KillStatus> entries =
        status.getKills().stream().filter(k -> (k.getRefused() != null) == refused).toList();
    assertThat(entries).as("kills refused=" + refused).hasSize(1);
    return entries.get(0);
  }

  private List<Event> warnings(String experiment, String reason) {
    return client.v1().events().inNamespace(ChaosHarness.NS).list().getItems().stream()
        .filter(e -> experiment.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()) && "Warning".equals(e.getType()))
        .toList();
  }
}
