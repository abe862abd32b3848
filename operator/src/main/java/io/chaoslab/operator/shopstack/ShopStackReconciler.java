package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.Phase;
import io.chaoslab.operator.api.shopstack.ShopStack;
import io.chaoslab.operator.api.shopstack.ShopStackStatus;
import io.chaoslab.operator.conditions.Conditions;
import io.chaoslab.operator.events.ResourceEvents;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a ShopStack: checks the spec, runs the workflow of owned objects (database Secret and
 * StatefulSet when managed, a Service, Deployment and PodDisruptionBudget per service), then writes
 * the status observed from the cluster; a ServiceMonitor too when asked for and the Prometheus
 * Operator is installed (condition {@code Monitoring} either way). A spec that cannot be deployed,
 * or an external database Secret that is missing, becomes a {@code Failed} phase with a condition
 * saying why; nothing is deployed then, and the operator does not retry in a loop (a missing Secret
 * is looked for again every {@link #SECRET_RECHECK}). Each reconcile hands the status's numbers to
 * the replica gauges ({@link ShopStackMetrics}).
 */
@ControllerConfiguration(name = "shopstack")
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(
          name = "database-secret",
          type = DatabaseSecretDependent.class,
          reconcilePrecondition = ManagedDatabaseCondition.class),
      @Dependent(
          name = "database",
          type = DatabaseStatefulSetDependent.class,
          reconcilePrecondition = ManagedDatabaseCondition.class,
          dependsOn = "database-secret"),
      @Dependent(name = "services", type = ShopServicesDependent.class),
      @Dependent(name = "deployments", type = ServiceDeploymentsDependent.class),
      @Dependent(name = "disruption-budgets", type = DisruptionBudgetsDependent.class)
    })
public class ShopStackReconciler implements Reconciler<ShopStack> {
  private static final Logger LOG = LoggerFactory.getLogger(ShopStackReconciler.class);
  static final Duration SECRET_RECHECK = Duration.ofSeconds(10);

  private final Conditions conditions;
  private final ShopStatus statuses;
  private final ResourceEvents events;
  private final ShopStackMetrics metrics;

  /** A reconciler whose replica gauges are in {@code registry}. */
  public ShopStackReconciler(MeterRegistry registry) {
    this(Clock.systemUTC(), registry);
  }

  ShopStackReconciler(Clock clock, MeterRegistry registry) {
    this.conditions = new Conditions(clock);
    this.statuses = new ShopStatus(conditions);
    this.events = new ResourceEvents(clock);
    this.metrics = new ShopStackMetrics(registry);
  }

  @Override
  public List<EventSource<?, ShopStack>> prepareEventSources(
      EventSourceContext<ShopStack> context) {
    return List.of(metrics.deletions());
  }

  @Override
  public UpdateControl<ShopStack> reconcile(ShopStack shop, Context<ShopStack> context) {
    Optional<Problem> problem = problem(shop, context);
    if (problem.isEmpty()) {
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    }
    ShopStackStatus status = statuses.compute(shop, observed(shop, context), problem);
    if (problem.isEmpty()) {
      ShopServiceMonitor.Outcome monitoring =
          ShopServiceMonitor.reconcile(context.getClient(), shop);
      status.setConditions(
          conditions.set(
              status.getConditions(),
              ShopServiceMonitor.CONDITION,
              monitoring.ok(),
              monitoring.reason(),
              monitoring.message(),
              status.getObservedGeneration()));
    }
    announce(shop, status, problem, context);
    if (problem.isPresent()) {
      metrics.forget(shop); // a spec it cannot deploy has no series
    } else {
      metrics.reconciled(shop, status.getComponents(), context.getPrimaryCache());
    }
    shop.setStatus(status);
    UpdateControl<ShopStack> control = UpdateControl.patchStatus(shop);
    return problem.map(p -> control.rescheduleAfter(SECRET_RECHECK)).orElse(control);
  }

  @Override
  public ErrorStatusUpdateControl<ShopStack> updateErrorStatus(
      ShopStack shop, Context<ShopStack> context, Exception e) {
    LOG.atWarn()
        .addKeyValue("shopStack", shop.getMetadata().getName())
        .addKeyValue("namespace", shop.getMetadata().getNamespace())
        .setCause(e)
        .log("reconciliation failed; JOSDK retries with backoff");
    ShopStackStatus status =
        statuses.compute(
            shop,
            observed(shop, context),
            Optional.of(new Problem("ReconcileError", "the operator failed: " + e.getMessage())));
    // the pods are still there: their numbers stay exported
    metrics.reconciled(shop, status.getComponents(), context.getPrimaryCache());
    shop.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(shop);
  }

  private static Optional<Problem> problem(ShopStack shop, Context<ShopStack> context) {
    List<String> specProblems = SpecProblems.of(shop);
    if (!specProblems.isEmpty()) {
      return Optional.of(new Problem(Problem.INVALID_SPEC, String.join("; ", specProblems)));
    }
    if (DatabaseSecret.managed(shop)) {
      return Optional.empty();
    }
    String name = DatabaseSecret.name(shop);
    Secret secret =
        context
            .getClient()
            .secrets()
            .inNamespace(shop.getMetadata().getNamespace())
            .withName(name)
            .get();
    if (secret == null) {
      return Optional.of(
          new Problem(
              Problem.SECRET_MISSING,
              "Secret %s (database.secretRef) does not exist in namespace %s"
                  .formatted(name, shop.getMetadata().getNamespace())));
    }
    List<String> missingKeys = new ArrayList<>();
    for (String key : DatabaseSecret.KEYS) {
      boolean present =
          (secret.getData() != null && secret.getData().containsKey(key))
              || (secret.getStringData() != null && secret.getStringData().containsKey(key));
      if (!present) {
        missingKeys.add(key);
      }
    }
    return missingKeys.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Problem(
                Problem.SECRET_MISSING,
                "Secret %s lacks the keys %s".formatted(name, String.join(", ", missingKeys))));
  }

  private static List<ShopStatus.Observed> observed(ShopStack shop, Context<ShopStack> context) {
    Map<String, Deployment> deployments =
        context
            .getSecondaryResourcesAsStream(Deployment.class)
            .filter(d -> ShopObjects.belongsTo(d.getMetadata(), shop))
            .collect(Collectors.toMap(d -> d.getMetadata().getName(), Function.identity()));
    List<ShopStatus.Observed> observed = new ArrayList<>();
    for (Component component : Component.values()) {
      observed.add(
          ShopStatus.Observed.of(
              component.id(),
              Optional.ofNullable(deployments.get(ShopObjects.name(shop, component.id())))));
    }
    if (DatabaseSecret.managed(shop)) {
      context
          .getSecondaryResourcesAsStream(StatefulSet.class)
          .filter(s -> ShopObjects.belongsTo(s.getMetadata(), shop))
          .findFirst()
          .ifPresentOrElse(
              set -> observed.add(ShopStatus.Observed.of(ShopObjects.DATABASE, set)),
              () -> observed.add(ShopStatus.Observed.of(ShopObjects.DATABASE, Optional.empty())));
    }
    return observed;
  }

  /** An Event and a log line when the phase changes. */
  private void announce(
      ShopStack shop, ShopStackStatus status, Optional<Problem> problem, Context<ShopStack> ctx) {
    Phase before = shop.getStatus() == null ? null : shop.getStatus().getPhase();
    if (before == status.getPhase()) {
      return;
    }
    String message =
        problem
            .map(Problem::message)
            .orElseGet(
                () ->
                    "phase %s: %s pods Ready"
                        .formatted(status.getPhase(), status.getReadySummary()));
    String reason = problem.map(Problem::reason).orElse(status.getPhase().name());
    boolean warning = status.getPhase() == Phase.Failed || status.getPhase() == Phase.Degraded;
    events.record(ctx.getClient(), shop, warning, reason, message);
    LOG.atInfo()
        .addKeyValue("shopStack", shop.getMetadata().getName())
        .addKeyValue("namespace", shop.getMetadata().getNamespace())
        .addKeyValue("phase", status.getPhase())
        .addKeyValue("previousPhase", before)
        .addKeyValue("reason", reason)
        .log(message);
  }
}
