package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One kill of the plan, done: the pod's UID and the recovery timeline of its replacement, from
 * watch events and the API server's timestamps. Times are RFC 3339 with milliseconds; a time not
 * yet observed is absent. A kill that was refused (a PodDisruptionBudget) carries {@code refused}
 * and no timeline.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KillStatus extends PlannedKill {

  @JsonPropertyDescription("UID of the killed pod: proof of which pod was killed.")
  private String uid;

  @JsonPropertyDescription("When the pod was deleted or evicted.")
  private String killedAt;

  @JsonPropertyDescription(
      "Why the kill was not done (e.g. the PodDisruptionBudget allows no disruption); the pod was"
          + " left alone.")
  private String refused;

  @JsonPropertyDescription("Name of the pod that replaced it.")
  private String replacement;

  @JsonPropertyDescription("When the replacement was created.")
  private String createdAt;

  @JsonPropertyDescription("When the replacement was scheduled (its PodScheduled condition).")
  private String scheduledAt;

  @JsonPropertyDescription("When the replacement's containers started.")
  private String startedAt;

  @JsonPropertyDescription("When the replacement became Ready (its Ready condition).")
  private String readyAt;

  @JsonPropertyDescription(
      "When the replacement was a ready address in the Service's EndpointSlices.")
  private String servingAt;

  @JsonPropertyDescription(
      "Seconds from the kill until the workload was back at its desired number of Ready pods;"
          + " absent while (or if never) recovered.")
  private Double recoverySeconds;

  public String getUid() {
    return uid;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  public String getKilledAt() {
    return killedAt;
  }

  public void setKilledAt(String killedAt) {
    this.killedAt = killedAt;
  }

  public String getRefused() {
    return refused;
  }

  public void setRefused(String refused) {
    this.refused = refused;
  }

  public String getReplacement() {
    return replacement;
  }

  public void setReplacement(String replacement) {
    this.replacement = replacement;
  }

  public String getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
  }

  public String getScheduledAt() {
    return scheduledAt;
  }

  public void setScheduledAt(String scheduledAt) {
    this.scheduledAt = scheduledAt;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getReadyAt() {
    return readyAt;
  }

  public void setReadyAt(String readyAt) {
    this.readyAt = readyAt;
  }

  public String getServingAt() {
    return servingAt;
  }

  public void setServingAt(String servingAt) {
    this.servingAt = servingAt;
  }

  public Double getRecoverySeconds() {
    return recoverySeconds;
  }

  public void setRecoverySeconds(Double recoverySeconds) {
    this.recoverySeconds = recoverySeconds;
  }
}
