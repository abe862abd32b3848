package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Recovery times over every kill of every round, in seconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RecoveryStatus {

  @JsonPropertyDescription("Mean recovery, the mean time to recovery (the MTTR column).")
  private Double meanSeconds;

  @JsonPropertyDescription("Median recovery (nearest rank).")
  private Double p50Seconds;

  @JsonPropertyDescription("95th percentile of the recoveries (nearest rank).")
  private Double p95Seconds;

  @JsonPropertyDescription("Longest recovery.")
  private Double maxSeconds;

  public RecoveryStatus() {}

  public RecoveryStatus(
      double meanSeconds, double p50Seconds, double p95Seconds, double maxSeconds) {
    this.meanSeconds = meanSeconds;
    this.p50Seconds = p50Seconds;
    this.p95Seconds = p95Seconds;
    this.maxSeconds = maxSeconds;
  }

  public Double getMeanSeconds() {
    return meanSeconds;
  }

  public void setMeanSeconds(Double meanSeconds) {
    this.meanSeconds = meanSeconds;
  }

  public Double getP50Seconds() {
    return p50Seconds;
  }

  public void setP50Seconds(Double p50Seconds) {
    this.p50Seconds = p50Seconds;
  }

  public Double getP95Seconds() {
    return p95Seconds;
  }

  public void setP95Seconds(Double p95Seconds) {
    this.p95Seconds = p95Seconds;
  }

  public Double getMaxSeconds() {
    return maxSeconds;
  }

  public void setMaxSeconds(Double maxSeconds) {
    this.maxSeconds = maxSeconds;
  }
}
