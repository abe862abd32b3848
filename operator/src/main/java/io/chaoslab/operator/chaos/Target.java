package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.api.chaos.TargetSpec;
import io.chaoslab.operator.shopstack.ShopObjects;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The pods an experiment may kill and the workload that should bring them back: a ShopStack's
 * component (its Deployment, or the database's StatefulSet), or any pods by label selector (then
 * the workload is whatever owns them, and recovery counts the pods the selector matched before the
 * kill).
 *
 * @param description what the printer column shows: {@code demo/order} or {@code app=web}
 */
public record Target(String description, LabelSelector pods, Optional<Workload> workload) {

  /**
   * A ShopStack's workload by kind ({@code Deployment} or {@code StatefulSet}) and name, with the
   * ShopStack that owns it.
   */
  public record Workload(String kind, String name, String shopStack) {}

  /** Resolves the spec's target; a spec with neither or both forms is an invalid spec. */
  public static Target of(TargetSpec spec) {
    boolean byShop = spec.getShopStack() != null;
    boolean bySelector = spec.getSelector() != null;
    if (byShop == bySelector) {
      throw new IllegalArgumentException(
          "target takes exactly one form: {shopStack, component} or {selector}");
    }
    if (bySelector) {
      return new Target(describe(spec.getSelector()), spec.getSelector(), Optional.empty());
    }
    ShopComponent component = spec.getComponent();
    if (component == null) {
      throw new IllegalArgumentException(
          "target.shopStack needs target.component: order, inventory, notification or database");
    }
    String shop = spec.getShopStack();
    String part = component.wireName();
    String kind = component == ShopComponent.DATABASE ? "StatefulSet" : "Deployment";
    return new Target(
        shop + "/" + part,
        new LabelSelectorBuilder().withMatchLabels(ShopObjects.selector(shop, part)).build(),
        Optional.of(new Workload(kind, ShopObjects.name(shop, part), shop)));
  }

  private static String describe(LabelSelector selector) {
    String labels =
        new TreeMap<>(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels())
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    String expressions =
        selector.getMatchExpressions() == null
            ? ""
            : selector.getMatchExpressions().stream()
                .map(
                    e ->
                        e.getKey()
                            + " "
                            + e.getOperator().toLowerCase(Locale.ROOT)
                            + " "
                            + e.getValues())
                .collect(Collectors.joining(","));
    return labels.isEmpty()
        ? expressions
        : expressions.isEmpty() ? labels : labels + "," + expressions;
  }
}
