package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.MonitoringSpec;
import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus Operator's ServiceMonitor for a shop's three services. Managed here rather than as
 * a workflow dependent: a dependent watches its kind from start-up, and on a cluster without the
 * Prometheus Operator that kind does not exist. The CRD is looked up on each reconciliation, so
 * installing the Prometheus Operator later is picked up without restarting the operator.
 */
final class ShopServiceMonitor {
  static final String CRD = "servicemonitors.monitoring.coreos.com";
  static final String API_VERSION = "monitoring.coreos.com/v1";
  static final String KIND = "ServiceMonitor";
  static final String CONDITION = "Monitoring";
  // Named in full: asking the API server's discovery fails where the kind is not installed.
  static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup("monitoring.coreos.com")
          .withVersion("v1")
          .withKind(KIND)
          .withPlural("servicemonitors")
          .withNamespaced(true)
          .build();

  private ShopServiceMonitor() {}

  /** What became of the monitoring the spec asked for, as a condition's status and reason. */
  record Outcome(boolean ok, String reason, String message) {}

  static Outcome reconcile(KubernetesClient client, ShopStack shop) {
    MonitoringSpec monitoring = shop.getSpec().getMonitoring();
    boolean wanted = monitoring != null && Boolean.TRUE.equals(monitoring.getServiceMonitor());
    boolean crdInstalled =
        client.apiextensions().v1().customResourceDefinitions().withName(CRD).get() != null;
    var monitors =
        client.genericKubernetesResources(CONTEXT).inNamespace(shop.getMetadata().getNamespace());
    String name = shop.getMetadata().getName();
    if (!wanted) {
      if (crdInstalled) {
        monitors.withName(name).delete();
      }
      return new Outcome(false, "Disabled", "monitoring.serviceMonitor is false");
    }
    if (!crdInstalled) {
      return new Outcome(
          false,
          "ServiceMonitorCrdMissing",
          "monitoring.serviceMonitor is true but the Prometheus Operator's CRD "
              + CRD
              + " is not installed: install the Prometheus Operator (kube-prometheus-stack) or set"
              + " monitoring.serviceMonitor to false; pods keep their prometheus.io annotations");
    }
    monitors.resource(desired(shop)).createOr(NonDeletingOperation::update);
    return new Outcome(true, "ServiceMonitorReady", "ServiceMonitor " + name + " scrapes /metrics");
  }

  /** The spec's extra labels (what a Prometheus selects ServiceMonitors by), then the shop's. */
  private static Map<String, String> labels(ShopStack shop) {
    Map<String, String> labels = new HashMap<>();
    Map<String, String> extra = shop.getSpec().getMonitoring().getServiceMonitorLabels();
    if (extra != null) {
      labels.putAll(extra);
    }
    labels.putAll(ShopObjects.labels(shop, "monitoring"));
    return labels;
  }

  static GenericKubernetesResource desired(ShopStack shop) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind(KIND)
        .withNewMetadata()
        .withName(shop.getMetadata().getName())
        .withNamespace(shop.getMetadata().getNamespace())
        .withLabels(labels(shop))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(shop.getApiVersion())
                .withKind(shop.getKind())
                .withName(shop.getMetadata().getName())
                .withUid(shop.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withAdditionalProperties(
            Map.of(
                "spec",
                Map.of(
                    "selector",
                    Map.of(
                        "matchLabels",
                        Map.of(
                            ShopObjects.INSTANCE_LABEL,
                            shop.getMetadata().getName(),
                            ShopObjects.PART_OF_LABEL,
                            "chaoslab")),
                    "endpoints",
                    List.of(Map.of("port", "http", "path", "/metrics", "interval", "15s")))))
        .build();
  }
}
