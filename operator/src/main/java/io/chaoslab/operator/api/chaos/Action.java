package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonProperty;
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
}
