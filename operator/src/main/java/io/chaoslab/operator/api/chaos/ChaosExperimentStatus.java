package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * What the experiment did and saw, and its verdict. It is also the experiment's memory: an operator
 * restarted mid-run carries on from here. Timestamps are RFC 3339 with milliseconds, durations are
 * seconds as decimals.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChaosExperimentStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Pending, Running, Passed, Failed or Error.")
  private ExperimentPhase phase;

  @JsonPropertyDescription(
      "Complete (finished, whatever the verdict) and Succeeded (the verdict), each with reason"
          + " and message: kubectl wait --for=condition=Complete waits for the end.")
  private List<Condition> conditions = new ArrayList<>();

  /** Source of the {@code Target} printer column, e.g. {@code demo/order} or {@code app=web}. */
  @JsonPropertyDescription(
      "The target in a few words, e.g. demo/order or app=web (the Target column).")
  private String target;

  @JsonPropertyDescription(
      "The workload's desired number of Ready pods: it has recovered when it is back at this"
          + " many.")
  private Integer desiredReadyPods;

  @JsonPropertyDescription("When the experiment started.")
  private String startedAt;

  @JsonPropertyDescription("When the experiment finished.")
  private String finishedAt;

  @JsonPropertyDescription(
      "Seed of the pod choice: the spec's, or the one the operator chose. Put it into the spec of"
          + " a new experiment to pick the same pods.")
  private Long seed;

  @JsonPropertyDescription("Dry run: the pods that would be killed, in order.")
  private List<PlannedKill> plan;

  /** Source of the {@code Kills} printer column: the entries of {@link #getKills()} not refused. */
  @JsonPropertyDescription("Pods killed so far (the Kills column); refused kills do not count.")
  private Integer killCount;

  @JsonPropertyDescription("One entry per kill: the pod, its UID and its replacement's timeline.")
  private List<KillStatus> kills;

  @JsonPropertyDescription("Recovery statistics over all kills and rounds.")
  private RecoveryStatus recovery;

  @JsonPropertyDescription("What the probe saw, when the spec has one.")
  private AvailabilityStatus availability;

  @JsonPropertyDescription(
      "The verdict or the reason there is none, e.g. recovered in 4.2 s (SLO 30 s).")
  private String message;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public ExperimentPhase getPhase() {
    return phase;
  }

  public void setPhase(ExperimentPhase phase) {
    this.phase = phase;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public Integer getDesiredReadyPods() {
    return desiredReadyPods;
  }

  public void setDesiredReadyPods(Integer desiredReadyPods) {
    this.desiredReadyPods = desiredReadyPods;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }

  public Long getSeed() {
    return seed;
  }

  public void setSeed(Long seed) {
    this.seed = seed;
  }

  public List<PlannedKill> getPlan() {
    return plan;
  }

  public void setPlan(List<PlannedKill> plan) {
    this.plan = plan;
  }

  public Integer getKillCount() {
    return killCount;
  }

  public void setKillCount(Integer killCount) {
    this.killCount = killCount;
  }

  public List<KillStatus> getKills() {
    return kills;
  }

  public void setKills(List<KillStatus> kills) {
    this.kills = kills;
  }

  public RecoveryStatus getRecovery() {
    return recovery;
  }

  public void setRecovery(RecoveryStatus recovery) {
    this.recovery = recovery;
  }

  public AvailabilityStatus getAvailability() {
    return availability;
  }

  public void setAvailability(AvailabilityStatus availability) {
    this.availability = availability;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
