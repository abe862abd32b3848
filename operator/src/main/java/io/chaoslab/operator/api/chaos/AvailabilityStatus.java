package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the probe saw from just before the first kill until the last recovery. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AvailabilityStatus {

  @JsonPropertyDescription("Probe calls made.")
  private Long probes;

  @JsonPropertyDescription("Probe calls that failed.")
  private Long failures;

  @JsonPropertyDescription("Percent of the calls that succeeded (the Availability column).")
  private Double percent;

  @JsonPropertyDescription("Longest run of failed calls, first failure to next success, seconds.")
  private Double longestOutageSeconds;

  @JsonPropertyDescription("95th percentile of the probe's latency, milliseconds.")
  private Double latencyP95Millis;

  @JsonPropertyDescription("99th percentile of the probe's latency, milliseconds.")
  private Double latencyP99Millis;

  public Long getProbes() {
    return probes;
  }

  public void setProbes(Long probes) {
    this.probes = probes;
  }

  public Long getFailures() {
    return failures;
  }

  public void setFailures(Long failures) {
    this.failures = failures;
  }

  public Double getPercent() {
    return percent;
  }

  public void setPercent(Double percent) {
    this.percent = percent;
  }

  public Double getLongestOutageSeconds() {
    return longestOutageSeconds;
  }

  public void setLongestOutageSeconds(Double longestOutageSeconds) {
    this.longestOutageSeconds = longestOutageSeconds;
  }

  public Double getLatencyP95Millis() {
    return latencyP95Millis;
  }

  public void setLatencyP95Millis(Double latencyP95Millis) {
    this.latencyP95Millis = latencyP95Millis;
  }

  public Double getLatencyP99Millis() {
    return latencyP99Millis;
  }

  public void setLatencyP99Millis(Double latencyP99Millis) {
    this.latencyP99Millis = latencyP99Millis;
  }
}
