package io.chaoslab.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The writes of the controllers the fixture plays, from its model: workload status, an
 * EndpointSlice per Service selecting the pods, PodDisruptionBudget status. Writes only what
 * changed. Also keeps the namespace's budgets for the eviction check (read under the fixture's
 * lock).
 */
final class ClusterWrites {
  static final String SLICE_SUFFIX = "-fake";

  private final KubernetesClient client;
  private final Object lock;
  private final Map<String, String> written = new HashMap<>();
  private final Map<String, List<PodDisruptionBudget>> budgets = new HashMap<>();

  ClusterWrites(KubernetesClient client, Object lock) {
    this.client = client;
    this.lock = lock;
  }

  /** The namespace's budgets as last read (callers hold the lock). */
  List<PodDisruptionBudget> budgets(String namespace) {
    return budgets.getOrDefault(namespace, List.of());
  }

  /** The budget's arithmetic over the fixture's pods now (callers hold the lock). */
  static DisruptionBudgetMath math(PodDisruptionBudget budget, List<FakeWorkload> workloads) {
    int expected = 0;
    int healthy = 0;
    for (FakeWorkload w : workloads) {
      if (DisruptionBudgetMath.selects(budget, w.podLabels)) {
        expected += w.replicas;
        healthy += w.readyCount();
      }
    }
    return DisruptionBudgetMath.of(budget, expected, healthy);
  }

  void sync(String namespace, List<FakeWorkload> workloads) {
    List<Service> services = client.services().inNamespace(namespace).list().getItems();
    List<PodDisruptionBudget> pdbs =
        client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems();
    List<Runnable> writes = new ArrayList<>();
    synchronized (lock) {
      budgets.put(namespace, pdbs);
      for (FakeWorkload w : workloads) {
        writes.add(workloadStatus(w));
      }
      for (Service service : services) {
        writes.add(slice(service, workloads));
      }
      for (PodDisruptionBudget pdb : pdbs) {
        writes.add(budgetStatus(pdb, workloads));
      }
    }
    writes.forEach(Runnable::run);
  }

  private Runnable workloadStatus(FakeWorkload w) {
    return () -> {
      HasMetadata owner =
          switch (w.kind) {
            case DEPLOYMENT ->
                client.apps().deployments().inNamespace(w.namespace).withName(w.name).get();
            case STATEFUL_SET ->
                client.apps().statefulSets().inNamespace(w.namespace).withName(w.name).get();
            case SELECTOR -> null;
          };
      if (owner == null) {
        return;
      }
      Map<String, Object> status;
      synchronized (lock) {
        status = w.status(Objects.requireNonNullElse(owner.getMetadata().getGeneration(), 1L));
      }
      String plural = w.kind == FakeWorkload.Kind.DEPLOYMENT ? "deployments" : "statefulsets";
      patchStatus(plural, w.namespace, w.name, status);
      if (w.kind == FakeWorkload.Kind.DEPLOYMENT && !w.owners.isEmpty()) {
        Map<String, Object> rs = new HashMap<>(status);
        rs.keySet().removeAll(List.of("updatedReplicas", "unavailableReplicas"));
        rs.put("fullyLabeledReplicas", status.get("replicas"));
        patchStatus("replicasets", w.namespace, w.owners.get(0).getName(), rs);
      }
    };
  }

  private void patchStatus(
      String plural, String namespace, String name, Map<String, Object> status) {
    String json = client.getKubernetesSerialization().asJson(Map.of("status", status));
    if (json.equals(written.put(plural + "/" + namespace + "/" + name, json))) {
      return;
    }
    var resources =
        switch (plural) {
          case "deployments" -> client.apps().deployments().inNamespace(namespace).withName(name);
          case "statefulsets" -> client.apps().statefulSets().inNamespace(namespace).withName(name);
          default -> client.apps().replicaSets().inNamespace(namespace).withName(name);
        };
    resources.subresource("status").patch(PatchContext.of(PatchType.JSON), replaceStatus(status));
  }

  /** A JSON patch replacing the whole status (the mock's merge patch appends to lists). */
  private String replaceStatus(Object status) {
    return client
        .getKubernetesSerialization()
        .asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
  }

  private Runnable slice(Service service, List<FakeWorkload> workloads) {
    Map<String, String> selector = service.getSpec().getSelector();
    List<Endpoint> endpoints = new ArrayList<>();
    boolean selectsAny = false;
    for (FakeWorkload w : workloads) {
      if (w.selects(selector)) {
        selectsAny = true;
        w.pods.stream()
            .sorted(Comparator.comparing(p -> p.name))
            .map(FakePod::endpoint)
            .filter(Objects::nonNull)
            .forEach(endpoints::add);
      }
    }
    if (!selectsAny) {
      return () -> {};
    }
    String serviceName = service.getMetadata().getName();
    EndpointSlice slice =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withName(serviceName + SLICE_SUFFIX)
            .withNamespace(service.getMetadata().getNamespace())
            .addToLabels("kubernetes.io/service-name", serviceName)
            .addToLabels("endpointslice.kubernetes.io/managed-by", "fake-workloads.chaoslab.io")
            .endMetadata()
            .withAddressType("IPv4")
            .withEndpoints(endpoints)
            .withPorts(service.getSpec().getPorts().stream().map(ClusterWrites::port).toList())
            .build();
    return () -> {
      String json = client.getKubernetesSerialization().asJson(slice);
      String key =
          "slice/" + slice.getMetadata().getNamespace() + "/" + slice.getMetadata().getName();
      if (!json.equals(written.put(key, json))) {
        client.resource(slice).createOr(NonDeletingOperation::update);
      }
    };
  }

  private static EndpointPort port(ServicePort port) {
    IntOrString target = port.getTargetPort();
    int number = target != null && target.getIntVal() != null ? target.getIntVal() : port.getPort();
    return new EndpointPortBuilder()
        .withName(port.getName())
        .withPort(number)
        .withProtocol(Objects.requireNonNullElse(port.getProtocol(), "TCP"))
        .build();
  }

  private Runnable budgetStatus(PodDisruptionBudget pdb, List<FakeWorkload> workloads) {
    DisruptionBudgetMath math = math(pdb, workloads);
    if (math.expectedPods() == 0) {
      return () -> {};
    }
    String key = "pdb/" + pdb.getMetadata().getNamespace() + "/" + pdb.getMetadata().getName();
    return () -> {
      Map<String, Object> status = new HashMap<>();
      status.put(
          "observedGeneration", Objects.requireNonNullElse(pdb.getMetadata().getGeneration(), 1L));
      status.put("expectedPods", math.expectedPods());
      status.put("currentHealthy", math.currentHealthy());
      status.put("desiredHealthy", math.desiredHealthy());
      status.put("disruptionsAllowed", math.disruptionsAllowed());
      String json = client.getKubernetesSerialization().asJson(Map.of("status", status));
      if (json.equals(written.put(key, json))) {
        return;
      }
      status.put(
          "conditions",
          List.of(FakePod.budgetCondition(math.disruptionsAllowed() > 0, Instant.now())));
      client
          .policy()
          .v1()
          .podDisruptionBudget()
          .inNamespace(pdb.getMetadata().getNamespace())
          .withName(pdb.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON), replaceStatus(status));
    };
  }
}
