package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.Set;

/**
 * Names and labels of the objects a ShopStack owns. Objects are named {@code <shop>-<part>} (part:
 * a component, or {@code database}) and carry the recommended {@code app.kubernetes.io/*} labels;
 * selectors use only the instance and component labels, which never change.
 */
public final class ShopObjects {
  static final String DATABASE = "database";
  static final String NAME_LABEL = "app.kubernetes.io/name";
  static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
  static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  static final String MANAGED_BY = "chaoslab-operator";

  /** What the dependents' informers watch: only objects this operator made. */
  static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

  private ShopObjects() {}

  static String name(ShopStack shop, String part) {
    return name(shop.getMetadata().getName(), part);
  }

  /** The name of a shop's object: its Deployment, Service, ... of {@code part}. */
  public static String name(String shop, String part) {
    return shop + "-" + part;
  }

  static Map<String, String> selector(ShopStack shop, String part) {
    return selector(shop.getMetadata().getName(), part);
  }

  /** The labels that select the pods of one part of a shop (a component, or the database). */
  public static Map<String, String> selector(String shop, String part) {
    return Map.of(INSTANCE_LABEL, shop, COMPONENT_LABEL, part);
  }

  /** The label keys {@link #labels} sets: a spec cannot override them. */
  static final Set<String> OWN_LABELS =
      Set.of(NAME_LABEL, INSTANCE_LABEL, COMPONENT_LABEL, PART_OF_LABEL, MANAGED_BY_LABEL);

  static Map<String, String> labels(ShopStack shop, String part) {
    return Map.of(
        NAME_LABEL, part,
        INSTANCE_LABEL, shop.getMetadata().getName(),
        COMPONENT_LABEL, part,
        PART_OF_LABEL, "chaoslab",
        MANAGED_BY_LABEL, MANAGED_BY);
  }

  /** Metadata of an owned object: name, namespace and labels (JOSDK adds the owner reference). */
  static ObjectMeta metadata(ShopStack shop, String part) {
    return new ObjectMetaBuilder()
        .withName(name(shop, part))
        .withNamespace(shop.getMetadata().getNamespace())
        .withLabels(labels(shop, part))
        .build();
  }

  /** Whether an object belongs to this shop (its instance label names it). */
  static boolean belongsTo(ObjectMeta object, ShopStack shop) {
    return object.getLabels() != null
        && shop.getMetadata().getName().equals(object.getLabels().get(INSTANCE_LABEL))
        && shop.getMetadata().getNamespace().equals(object.getNamespace());
  }
}
