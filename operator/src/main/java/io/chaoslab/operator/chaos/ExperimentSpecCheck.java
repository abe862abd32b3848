package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.ChaosExperimentSpec;
import io.chaoslab.operator.api.chaos.Mode;
import io.chaoslab.operator.api.chaos.ProbeSpec;
import io.chaoslab.operator.api.chaos.SloSpec;
import io.chaoslab.operator.api.chaos.TargetSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a spec, in the words of the CRD's schema. The API server refuses most of it
 * already; the operator checks again because a CRD can be installed without its schema's newest
 * rules, and an experiment must never run on a spec it does not understand.
 */
final class ExperimentSpecCheck {
  private ExperimentSpecCheck() {}

  static List<String> problems(ChaosExperimentSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      return List.of("spec is required");
    }
    target(spec.getTarget(), problems);
    if (spec.getAction() == null) {
      problems.add("spec.action must be pod-kill or pod-evict");
    }
    Mode mode = spec.getMode();
    if (mode == null) {
      problems.add("spec.mode must be one, fixed, percent or all");
    }
    Integer value = spec.getValue();
    if ((mode == Mode.FIXED || mode == Mode.PERCENT) && value == null) {
      problems.add("spec.value is required for mode " + mode.wireName());
    }
    if (value != null && value < 1) {
      problems.add("spec.value must be at least 1, got " + value);
    }
    if (mode == Mode.PERCENT && value != null && value > 100) {
      problems.add("spec.value is a percent for mode percent: at most 100, got " + value);
    }
    atLeast(problems, "spec.gracePeriodSeconds", spec.getGracePeriodSeconds(), 0);
    between(problems, "spec.rounds", spec.getRounds(), 1, 100);
    between(problems, "spec.intervalSeconds", spec.getIntervalSeconds(), 0, 3600);
    between(problems, "spec.timeoutSeconds", spec.getTimeoutSeconds(), 10, 86400);
    slo(spec.getSlo(), problems);
    probe(spec.getProbe(), problems);
    return problems;
  }

  private static void target(TargetSpec target, List<String> problems) {
    if (target == null) {
      problems.add("spec.target is required: {shopStack, component} or {selector}");
      return;
    }
    if (target.getSelector() != null && !expressions(target.getSelector(), problems)) {
      return;
    }
    try {
      Target.of(target);
    } catch (IllegalArgumentException e) {
      problems.add("spec." + e.getMessage());
      return;
    }
    if (target.getSelector() != null
        && (target.getSelector().getMatchLabels() == null
            || target.getSelector().getMatchLabels().isEmpty())
        && (target.getSelector().getMatchExpressions() == null
            || target.getSelector().getMatchExpressions().isEmpty())) {
      problems.add(
          "spec.target.selector must not be empty: an empty selector matches every pod in the"
              + " namespace");
    }
  }

  /**
   * The API server's rules for a selector's expressions (the CRD's schema has none): a bad one
   * would fail the pod list, or match pods nobody meant. True when every expression is valid.
   */
  private static boolean expressions(LabelSelector selector, List<String> problems) {
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    int before = problems.size();
    for (int i = 0; expressions != null && i < expressions.size(); i++) {
      String field = "spec.target.selector.matchExpressions[%d]".formatted(i);
      LabelSelectorRequirement expression = expressions.get(i);
      String operator = expression.getOperator();
      boolean noValues = expression.getValues() == null || expression.getValues().isEmpty();
      if (expression.getKey() == null || expression.getKey().isBlank()) {
        problems.add(field + ".key is required");
      }
      if (operator == null
          || !List.of("In", "NotIn", "Exists", "DoesNotExist").contains(operator)) {
        problems.add(
            "%s.operator must be In, NotIn, Exists or DoesNotExist, got %s"
                .formatted(field, operator));
      } else if (operator.endsWith("In") == noValues) {
        // In and NotIn need values, Exists and DoesNotExist take none
        problems.add(
            "%s.values must %sbe empty for operator %s"
                .formatted(field, noValues ? "not " : "", operator));
      }
    }
    return problems.size() == before;
  }

  private static void slo(SloSpec slo, List<String> problems) {
    if (slo == null) {
      return;
    }
    if (slo.getMaxRecoverySeconds() != null && slo.getMaxRecoverySeconds() <= 0) {
      problems.add(
          "spec.slo.maxRecoverySeconds must be more than 0, got " + slo.getMaxRecoverySeconds());
    }
    Double min = slo.getMinAvailabilityPercent();
    if (min != null && (min < 0 || min > 100)) {
      problems.add("spec.slo.minAvailabilityPercent must be between 0 and 100, got " + min);
    }
    if (slo.getMaxOutageSeconds() != null && slo.getMaxOutageSeconds() < 0) {
      problems.add(
          "spec.slo.maxOutageSeconds must not be negative, got " + slo.getMaxOutageSeconds());
    }
  }

  private static void probe(ProbeSpec probe, List<String> problems) {
    if (probe == null) {
      return;
    }
    if (probe.getUrl() == null || !probe.getUrl().matches(ProbeSpec.URL_PATTERN)) {
      problems.add("spec.probe.url must be an absolute http or https URL, got " + probe.getUrl());
    } else {
      try {
        URI.create(probe.getUrl());
      } catch (IllegalArgumentException e) {
        problems.add("spec.probe.url is not a valid URL: " + e.getMessage());
      }
    }
    between(problems, "spec.probe.intervalMillis", probe.getIntervalMillis(), 50, 60000);
  }

  private static void atLeast(List<String> problems, String field, Long value, long min) {
    if (value != null && value < min) {
      problems.add("%s must be at least %d, got %d".formatted(field, min, value));
    }
  }

  private static void between(
      List<String> problems, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      problems.add("%s must be between %d and %d, got %d".formatted(field, min, max, value));
    }
  }
}
