package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;

/**
 * The part of a ShopStack an experiment targets: one of its three services or its managed database.
 * On the wire in lower case, as {@link #wireName()}, the name the ShopStack's objects carry ({@code
 * demo-order}, label {@code app.kubernetes.io/component: order}).
 */
public enum ShopComponent {
  @JsonProperty("order")
  ORDER,
  @JsonProperty("inventory")
  INVENTORY,
  @JsonProperty("notification")
  NOTIFICATION,
  @JsonProperty("database")
  DATABASE;

  /** The value in YAML and JSON, e.g. {@code order}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant of this wire name, or {@code null} for any other value: the operator then refuses
   * the experiment as an invalid spec. Refusing to read it instead would make the whole resource
   * unreadable, and an informer that cannot read one object stops, and the operator with it, where
   * the CRD's schema has not refused the value first (a CRD newer than the operator, or none).
   */
  @JsonCreator
  public static ShopComponent fromWireName(String value) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst().orElse(null);
  }
}
