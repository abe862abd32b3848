package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The checks before any pod is touched: chaos is allowed in the namespace, the target exists, and
 * it is in its steady state (every desired pod Ready). Each failure is a {@link CannotRun} whose
 * message says what to fix.
 */
final class Preflight {
  static final String CHAOS_LABEL = "chaoslab.io/chaos";
  static final String CHAOS_ENABLED = "enabled";

  private final KubernetesClient client;

  Preflight(KubernetesClient client) {
    this.client = client;
  }

  void namespaceEnabled(String namespace) throws CannotRun {
    Namespace ns = client.namespaces().withName(namespace).get();
    Map<String, String> labels =
        ns == null || ns.getMetadata().getLabels() == null
            ? Map.of()
            : ns.getMetadata().getLabels();
    if (!CHAOS_ENABLED.equals(labels.get(CHAOS_LABEL))) {
      throw new CannotRun(
          CannotRun.NAMESPACE_NOT_ENABLED,
          ("chaos is not enabled in namespace %s: it runs only where the namespace is labelled"
                  + " %s=%s (kubectl label namespace %s %s=%s); no pod touched")
              .formatted(
                  namespace, CHAOS_LABEL, CHAOS_ENABLED, namespace, CHAOS_LABEL, CHAOS_ENABLED));
    }
  }

  /** The workload's desired number of Ready pods, once every one of them is Ready. */
  int steadyState(String namespace, Target target, TargetWatch watch) throws CannotRun {
    List<Pod> pods = watch.pods();
    int desired;
    String what;
    if (target.workload().isPresent()) {
      Target.Workload workload = target.workload().get();
      String shop = workload.shopStack();
      if (client.resources(ShopStack.class).inNamespace(namespace).withName(shop).get() == null) {
        throw new CannotRun(
            CannotRun.TARGET_NOT_FOUND,
            "ShopStack %s not found in namespace %s; no pod touched".formatted(shop, namespace));
      }
      HasMetadata object =
          workload.kind().equals("StatefulSet")
              ? client.apps().statefulSets().inNamespace(namespace).withName(workload.name()).get()
              : client.apps().deployments().inNamespace(namespace).withName(workload.name()).get();
      if (object == null) {
        throw new CannotRun(
            CannotRun.TARGET_NOT_FOUND,
            "%s %s of ShopStack %s not found in namespace %s%s; no pod touched"
                .formatted(
                    workload.kind(),
                    workload.name(),
                    shop,
                    namespace,
                    workload.kind().equals("StatefulSet")
                        ? " (a ShopStack with an external database has no database pod)"
                        : ""));
      }
      desired = replicas(object);
      what = "%s %s".formatted(workload.kind(), workload.name());
    } else {
      if (pods.isEmpty()) {
        throw new CannotRun(
            CannotRun.TARGET_NOT_FOUND,
            "no pod in namespace %s matches the selector %s; no pod touched"
                .formatted(namespace, target.description()));
      }
      desired = pods.size();
      what = "the pods matching " + target.description();
    }
    if (desired < 1) {
      throw new CannotRun(
          CannotRun.TARGET_NOT_READY,
          "%s wants 0 replicas: there is no pod to kill; no pod touched".formatted(what));
    }
    List<Pod> serving = watch.servingPods();
    if (serving.size() < desired) {
      String notReady =
          pods.stream()
              .filter(p -> !PodState.of(p).serving())
              .map(p -> p.getMetadata().getName())
              .sorted()
              .collect(Collectors.joining(", "));
      throw new CannotRun(
          CannotRun.TARGET_NOT_READY,
          "steady state not met: %s has %d of %d pods Ready%s; no pod touched"
              .formatted(
                  what,
                  serving.size(),
                  desired,
                  notReady.isEmpty() ? "" : " (not Ready: " + notReady + ")"));
    }
    return desired;
  }

  private static int replicas(HasMetadata workload) {
    Integer replicas =
        workload instanceof StatefulSet set
            ? set.getSpec().getReplicas()
            : ((Deployment) workload).getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }
}
