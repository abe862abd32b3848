package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ComponentStatus;
import io.chaoslab.operator.api.shopstack.ComponentsStatus;
import io.chaoslab.operator.api.shopstack.Phase;
import io.chaoslab.operator.api.shopstack.ShopStack;
import io.chaoslab.operator.api.shopstack.ShopStackStatus;
import io.chaoslab.operator.conditions.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ShopStack's status computed from what the cluster shows (the Deployments' and the StatefulSet's
 * own status), never from what the operator asked for.
 *
 * <ul>
 *   <li>{@code Ready}: every component has its desired pods Ready;
 *   <li>{@code Progressing}: a component is rolling out (just created, or its spec changed and not
 *       every pod runs the new template yet);
 *   <li>{@code Degraded}: a settled component has fewer Ready pods than desired (pods crashed or
 *       were killed), or the spec cannot be deployed (then phase {@code Failed}).
 * </ul>
 */
final class ShopStatus {
  static final String READY = "Ready";
  static final String PROGRESSING = "Progressing";
  static final String DEGRADED = "Degraded";

  private final Conditions conditions;

  ShopStatus(Conditions conditions) {
    this.conditions = conditions;
  }

  /** The state of one component as its workload reports it. */
  record Observed(String name, int desired, int ready, boolean rollingOut) {
    static Observed of(String name, Optional<Deployment> deployment) {
      if (deployment.isEmpty()) {
        return new Observed(name, 0, 0, true);
      }
      Deployment d = deployment.get();
      int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      var status = d.getStatus();
      if (status == null) {
        return new Observed(name, desired, 0, true);
      }
      boolean rollingOut =
          status.getObservedGeneration() == null
              || status.getObservedGeneration() < generation(d.getMetadata())
              || orZero(status.getUpdatedReplicas()) < desired;
      return new Observed(name, desired, orZero(status.getReadyReplicas()), rollingOut);
    }

    static Observed of(String name, StatefulSet set) {
      int desired = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
      var status = set.getStatus();
      if (status == null) {
        return new Observed(name, desired, 0, true);
      }
      boolean rollingOut =
          status.getObservedGeneration() == null
              || status.getObservedGeneration() < generation(set.getMetadata());
      return new Observed(name, desired, orZero(status.getReadyReplicas()), rollingOut);
    }

    boolean allReady() {
      return ready >= desired;
    }

    private static long generation(io.fabric8.kubernetes.api.model.ObjectMeta metadata) {
      return metadata.getGeneration() == null ? 0 : metadata.getGeneration();
    }

    private static int orZero(Integer value) {
      return value == null ? 0 : value;
    }
  }

  ShopStackStatus compute(ShopStack shop, List<Observed> components, Optional<Problem> problem) {
    long generation =
        shop.getMetadata().getGeneration() == null ? 0 : shop.getMetadata().getGeneration();
    List<Condition> previous =
        shop.getStatus() == null ? List.of() : shop.getStatus().getConditions();
    ShopStackStatus status = new ShopStackStatus();
    status.setObservedGeneration(generation);
    status.setComponents(componentsStatus(components));
    int desired = components.stream().mapToInt(Observed::desired).sum();
    int ready = components.stream().mapToInt(c -> Math.min(c.ready(), c.desired())).sum();
    status.setReadySummary(ready + "/" + desired);

    List<Observed> notReady = components.stream().filter(c -> !c.allReady()).toList();
    List<Observed> rollingOut = components.stream().filter(Observed::rollingOut).toList();
    List<Condition> next;
    if (problem.isPresent()) {
      Problem p = problem.get();
      status.setPhase(Phase.Failed);
      next = conditions.set(previous, READY, false, p.reason(), p.message(), generation);
      next = conditions.set(next, PROGRESSING, false, p.reason(), p.message(), generation);
      next = conditions.set(next, DEGRADED, true, p.reason(), p.message(), generation);
    } else {
      status.setPhase(phase(components, notReady, rollingOut));
      next =
          notReady.isEmpty()
              ? conditions.set(
                  previous, READY, true, "AllComponentsReady", "every pod is Ready", generation)
              : conditions.set(
                  previous, READY, false, "ComponentsNotReady", describe(notReady), generation);
      next =
          rollingOut.isEmpty()
              ? conditions.set(
                  next,
                  PROGRESSING,
                  false,
                  "RolloutComplete",
                  "every pod runs the spec",
                  generation)
              : conditions.set(
                  next,
                  PROGRESSING,
                  true,
                  "RollingOut",
                  "rolling out " + names(rollingOut),
                  generation);
      List<Observed> degraded = notReady.stream().filter(c -> !c.rollingOut()).toList();
      next =
          degraded.isEmpty()
              ? conditions.set(next, DEGRADED, false, "AsDesired", "no pod missing", generation)
              : conditions.set(
                  next, DEGRADED, true, "PodsNotReady", describe(degraded), generation);
    }
    status.setConditions(next);
    return status;
  }

  private static Phase phase(
      List<Observed> components, List<Observed> notReady, List<Observed> rollingOut) {
    if (notReady.isEmpty() && rollingOut.isEmpty()) {
      return Phase.Ready;
    }
    if (components.stream().allMatch(c -> c.desired() == 0 && c.rollingOut())) {
      return Phase.Pending;
    }
    return notReady.stream().anyMatch(c -> !c.rollingOut()) ? Phase.Degraded : Phase.Progressing;
  }

  private static ComponentsStatus componentsStatus(List<Observed> components) {
    Map<String, ComponentStatus> byName =
        components.stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Observed::name, c -> new ComponentStatus(c.desired(), c.ready())));
    ComponentsStatus status = new ComponentsStatus();
    status.setOrder(byName.get(Component.ORDER.id()));
    status.setInventory(byName.get(Component.INVENTORY.id()));
    status.setNotification(byName.get(Component.NOTIFICATION.id()));
    status.setDatabase(byName.get(ShopObjects.DATABASE));
    return status;
  }

  private static String describe(List<Observed> components) {
    List<String> parts = new ArrayList<>();
    for (Observed c : components) {
      parts.add(c.name() + " " + c.ready() + "/" + c.desired() + " Ready");
    }
    return String.join(", ", parts);
  }

  private static String names(List<Observed> components) {
    return String.join(", ", components.stream().map(Observed::name).toList());
  }
}
