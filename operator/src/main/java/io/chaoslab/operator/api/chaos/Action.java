package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a chosen pod is taken down. On the wire in lower case with a dash, as {@link #wireName()}.
 */
public enum Action {
  /** Delete the pod, with the spec's grace period (0 = immediately). */
  @JsonProperty("pod-kill")
  POD_KILL,
  /** Evict the pod through the Eviction API, which honours PodDisruptionBudgets. */
  @JsonProperty("pod-evict")
  POD_EVICT;

  /** The value in YAML and JSON, e.g. {@code pod-kill}: for messages and metric labels. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The constant of this wire name, or {@code null} for any other value: the operator then refuses
   * the experiment as an invalid spec. Refusing to read it instead would make the whole resource
   * unreadable, and an informer that cannot read one object stops, and the operator with it, where
   * the CRD's schema has not refused the value first (a CRD newer than the operator, or none).
   */
  @JsonCreator
  public static Action fromWireName(String value) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst().orElse(null);
  }
}
