package io.chaoslab.operator.testing;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One pod as the fake kubelet sees it: which steps of its start-up happened when, and whether it is
 * terminating or gone. Renders itself into the Pod, its status and its endpoint. Guarded by the
 * fixture's lock.
 */
final class FakePod {
  static final String FINALIZER = "chaoslab.io/fake-kubelet";

  final String namespace;
  final String name;
  final Map<String, String> labels;
  final String node;
  final String ip;
  String uid;
  Instant createdAt;
  Instant scheduledAt;
  Instant startedAt;
  Instant readyAt;
  Instant servingAt;
  boolean terminating;
  boolean gone;

  FakePod(String namespace, String name, Map<String, String> labels, String node, String ip) {
    this.namespace = namespace;
    this.name = name;
    this.labels = labels;
    this.node = node;
    this.ip = ip;
  }

  /** Counts towards the workload's replicas: neither terminating nor gone. */
  boolean active() {
    return !terminating && !gone;
  }

  boolean ready() {
    return readyAt != null && active();
  }

  /** Ready pods and pods with the Ready condition still true while terminating. */
  boolean readyCondition() {
    return readyAt != null && !gone;
  }

  Pod toPod(PodSpec template, List<OwnerReference> owners, boolean withFinalizer) {
    PodSpec spec = new PodBuilder().withSpec(template).build().getSpec();
    spec.setNodeName(scheduledAt != null ? node : null);
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .withOwnerReferences(owners)
        .withFinalizers(withFinalizer ? List.of(FINALIZER) : List.of())
        .endMetadata()
        .withSpec(spec)
        .withStatus(status(template.getContainers()))
        .build();
  }

  PodStatus status(List<Container> containers) {
    List<PodCondition> conditions = new ArrayList<>();
    if (scheduledAt != null) {
      conditions.add(condition("PodScheduled", scheduledAt, null));
    }
    if (startedAt != null) {
      conditions.add(condition("Initialized", startedAt, null));
      String notReady = readyAt == null ? "ContainersNotReady" : null;
      Instant readyChange = readyAt != null ? readyAt : startedAt;
      conditions.add(condition("ContainersReady", readyChange, notReady));
      conditions.add(condition("Ready", readyChange, notReady));
    }
    PodStatusBuilder status =
        new PodStatusBuilder()
            .withPhase(startedAt != null ? "Running" : "Pending")
            .withConditions(conditions)
            .withQosClass("Burstable");
    if (scheduledAt != null) {
      status
          .withHostIP("172.18.0." + (2 + Math.abs(node.hashCode() % 3)))
          .withStartTime(rfc(scheduledAt));
      status.withContainerStatuses(containers.stream().map(this::containerStatus).toList());
    }
    if (startedAt != null) {
      status.withPodIP(ip).withPodIPs(new PodIPBuilder().withIp(ip).build());
    }
    return status.build();
  }

  private ContainerStatus containerStatus(Container container) {
    ContainerStatusBuilder status =
        new ContainerStatusBuilder()
            .withName(container.getName())
            .withImage(container.getImage())
            .withImageID(container.getImage())
            .withRestartCount(0)
            .withReady(readyAt != null)
            .withStarted(startedAt != null);
    if (startedAt != null) {
      status
          .withContainerID("containerd://" + uid + "-" + container.getName())
          .withNewState()
          .withNewRunning(rfc(startedAt))
          .endState();
    } else {
      status.withNewState().withNewWaiting("", "ContainerCreating").endState();
    }
    return status.build();
  }

  /** Its entry in an EndpointSlice, or null while it has no IP or is gone. */
  Endpoint endpoint() {
    if (startedAt == null || gone) {
      return null;
    }
    return new EndpointBuilder()
        .withAddresses(ip)
        .withNodeName(node)
        .withNewConditions()
        .withReady(servingAt != null && !terminating)
        .withServing(servingAt != null)
        .withTerminating(terminating)
        .endConditions()
        .withNewTargetRef()
        .withKind("Pod")
        .withNamespace(namespace)
        .withName(name)
        .withUid(uid)
        .endTargetRef()
        .build();
  }

  private static PodCondition condition(String type, Instant at, String falseReason) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(falseReason == null ? "True" : "False")
        .withReason(falseReason)
        .withLastTransitionTime(rfc(at))
        .build();
  }

  static Condition budgetCondition(boolean allowed, Instant at) {
    return new ConditionBuilder()
        .withType("DisruptionAllowed")
        .withStatus(allowed ? "True" : "False")
        .withReason(allowed ? "SufficientPods" : "InsufficientPods")
        .withMessage("")
        .withLastTransitionTime(rfc(at))
        .build();
  }

  /** RFC 3339 with milliseconds, UTC. */
  static String rfc(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS));
  }
}
