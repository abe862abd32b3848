package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonProperty;
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
}
