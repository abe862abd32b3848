package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The bounds of a good recovery: the experiment passes when every one of them holds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SloSpec {

  @JsonPropertyDescription(
      "Longest acceptable recovery of a kill, in seconds: from the kill until the workload is"
          + " back at its desired number of Ready pods.")
  @Min(value = 0, inclusive = false)
  @Default("30")
  private Double maxRecoverySeconds = 30.0;

  @JsonPropertyDescription(
      "Lowest acceptable share of successful probe calls during the experiment, in percent"
          + " (only checked when a probe is set).")
  @Min(0)
  @Max(100)
  @Default("99")
  private Double minAvailabilityPercent = 99.0;

  @JsonPropertyDescription(
      "Longest acceptable continuous outage seen by the probe, in seconds; no bound when left"
          + " out.")
  @Min(0)
  private Double maxOutageSeconds;

  public Double getMaxRecoverySeconds() {
    return maxRecoverySeconds;
  }

  public void setMaxRecoverySeconds(Double maxRecoverySeconds) {
    this.maxRecoverySeconds = maxRecoverySeconds;
  }

  public Double getMinAvailabilityPercent() {
    return minAvailabilityPercent;
  }

  public void setMinAvailabilityPercent(Double minAvailabilityPercent) {
    this.minAvailabilityPercent = minAvailabilityPercent;
  }

  public Double getMaxOutageSeconds() {
    return maxOutageSeconds;
  }

  public void setMaxOutageSeconds(Double maxOutageSeconds) {
    this.maxOutageSeconds = maxOutageSeconds;
  }
}
