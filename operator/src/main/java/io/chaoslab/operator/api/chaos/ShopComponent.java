package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonProperty;
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
}
