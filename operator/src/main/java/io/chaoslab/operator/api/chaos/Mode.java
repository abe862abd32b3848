package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;

/**
 * How many of the target's pods one round kills. On the wire in lower case, as {@link #wireName()}.
 */
public enum Mode {
  /** One pod. */
  @JsonProperty("one")
  ONE,
  /** {@code value} pods (all of them if the target has fewer). */
  @JsonProperty("fixed")
  FIXED,
  /** {@code value} percent of the target's pods. */
  @JsonProperty("percent")
  PERCENT,
  /** Every pod of the target. */
  @JsonProperty("all")
  ALL;

  /** The value in YAML and JSON, e.g. {@code percent}. */
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
  public static Mode fromWireName(String value) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst().orElse(null);
  }
}
