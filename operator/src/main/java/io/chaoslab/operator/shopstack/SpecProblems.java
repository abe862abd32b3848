package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ComponentSpec;
import io.chaoslab.operator.api.shopstack.ShopStack;
import io.chaoslab.operator.api.shopstack.ShopStackSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.utils.KubernetesResourceUtil;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What is wrong with a ShopStack's spec that the CRD's schema cannot say (requests above limits, a
 * duplicated variable) or that reached the operator without the API server's validation (an older
 * CRD, a test double). Each problem is one sentence naming the field.
 */
final class SpecProblems {
  private SpecProblems() {}

  static List<String> of(ShopStack shop) {
    List<String> problems = new ArrayList<>();
    ShopStackSpec spec = shop.getSpec();
    if (spec == null) {
      return List.of("spec is missing");
    }
    for (Component component : Component.values()) {
      checkComponent(component.id(), component.spec(spec), problems);
    }
    if (!DatabaseSecret.managed(shop)) {
      String ref = spec.getDatabase().getSecretRef();
      if (ref == null || ref.isBlank()) {
        problems.add("database.secretRef is required when database.managed is false");
      }
    } else {
      checkQuantity("database.storage", spec.getDatabase().getStorage(), problems);
    }
    if (spec.getMonitoring() != null) {
      checkServiceMonitorLabels(spec.getMonitoring().getServiceMonitorLabels(), problems);
    }
    return problems;
  }

  private static void checkServiceMonitorLabels(Map<String, String> labels, List<String> problems) {
    if (labels == null) {
      return;
    }
    for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
      if (ShopObjects.OWN_LABELS.contains(label.getKey())) {
        problems.add(
            "monitoring.serviceMonitorLabels must not set "
                + label.getKey()
                + ": the operator sets it");
      } else if (!KubernetesResourceUtil.areLabelsValid(Map.of(label.getKey(), label.getValue()))) {
        problems.add(
            "monitoring.serviceMonitorLabels: '%s: %s' is not a valid Kubernetes label"
                .formatted(label.getKey(), label.getValue()));
      }
    }
  }

  private static void checkComponent(String id, ComponentSpec spec, List<String> problems) {
    Integer replicas = spec.getReplicas();
    if (replicas != null && (replicas < 0 || replicas > 50)) {
      problems.add(id + ".replicas must be from 0 to 50, got " + replicas);
    }
    if (spec.getEnv() != null) {
      Set<String> names = new HashSet<>();
      for (EnvVar var : spec.getEnv()) {
        if (ComponentSpec.OPERATOR_ENV.contains(var.getName())) {
          problems.add(id + ".env must not set " + var.getName() + ": the operator sets it");
        } else if (!names.add(var.getName())) {
          problems.add(id + ".env sets " + var.getName() + " twice");
        }
      }
    }
    ResourceRequirements resources = spec.getResources();
    if (resources != null && resources.getRequests() != null && resources.getLimits() != null) {
      for (Map.Entry<String, Quantity> request : resources.getRequests().entrySet()) {
        Quantity limit = resources.getLimits().get(request.getKey());
        if (limit != null && amount(request.getValue()).compareTo(amount(limit)) > 0) {
          problems.add(
              "%s.resources: the %s request %s is above its limit %s"
                  .formatted(id, request.getKey(), request.getValue(), limit));
        }
      }
    }
  }

  private static void checkQuantity(String field, String value, List<String> problems) {
    try {
      amount(new Quantity(value));
    } catch (IllegalArgumentException e) {
      problems.add(field + " is not a quantity such as 1Gi: " + value);
    }
  }

  private static BigDecimal amount(Quantity quantity) {
    return quantity.getNumericalAmount();
  }
}
