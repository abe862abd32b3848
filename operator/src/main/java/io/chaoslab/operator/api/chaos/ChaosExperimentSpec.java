package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The desired experiment. {@code target} and {@code action} must be written; everything else has a
 * default (the API server fills it in from the CRD, and a spec read from YAML gets the same values
 * from the field initializers): one pod, one round, the contract's SLO, no probe. It cannot change
 * once created: an experiment runs once, and a verdict must describe the spec it ran.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self == oldSelf",
    message =
        "the spec of a ChaosExperiment cannot change: an experiment runs once; to run another,"
            + " delete this one and create it again (or create one with a new name)")
@ValidationRule(
    value = "!(self.mode in ['fixed', 'percent']) || has(self.value)",
    message = "value is required for mode fixed (a number of pods) and percent (a percent of them)",
    fieldPath = ".value")
@ValidationRule(
    value = "self.mode != 'percent' || !has(self.value) || self.value <= 100",
    message = "value is a percent for mode percent: at most 100",
    fieldPath = ".value")
public class ChaosExperimentSpec {

  @JsonPropertyDescription(
      "The pods to kill: {shopStack, component} for a ShopStack's component, or {selector} for"
          + " any workload's pods.")
  @Required
  private TargetSpec target;

  @JsonPropertyDescription(
      "pod-kill deletes the pods (refused when it would break a PodDisruptionBudget, unless"
          + " allowDisruptionBudgetViolation); pod-evict uses the Eviction API, which honours"
          + " PodDisruptionBudgets.")
  @Required
  private Action action;

  @JsonPropertyDescription(
      "How many pods a round kills: one, fixed (value pods), percent (value percent of the"
          + " target's pods) or all.")
  @Default("one")
  // written even when null (an unknown value reads as null): the run's copy must keep it so
  @JsonInclude(JsonInclude.Include.ALWAYS)
  private Mode mode = Mode.ONE;

  @JsonPropertyDescription(
      "Number of pods for mode fixed, percent of the pods for mode percent (1..100); ignored by"
          + " one and all.")
  @Min(1)
  private Integer value;

  @JsonPropertyDescription("Grace period of a killed pod, in seconds; 0 kills it immediately.")
  @Min(0)
  @Default("0")
  private Long gracePeriodSeconds = 0L;

  @JsonPropertyDescription(
      "How many rounds of kills the experiment runs, each of mode and value pods.")
  @Min(1)
  @Max(100)
  @Default("1")
  private Integer rounds = 1;

  @JsonPropertyDescription("Pause between one round and the next, in seconds.")
  @Min(0)
  @Max(3600)
  @Default("10")
  private Integer intervalSeconds = 10;

  @JsonPropertyDescription("The bounds of a good recovery; the verdict checks every one.")
  @Default("{}")
  private SloSpec slo = new SloSpec();

  @JsonPropertyDescription(
      "Optional steady-state probe whose availability during the kills is part of the verdict.")
  private ProbeSpec probe;

  @JsonPropertyDescription(
      "Longest the whole experiment may run, in seconds; a target not recovered by then fails it.")
  @Min(10)
  @Max(86400)
  @Default("300")
  private Integer timeoutSeconds = 300;

  @JsonPropertyDescription(
      "true: write the plan (which pods would be killed, in order) into the status and touch"
          + " nothing.")
  @Default("false")
  private Boolean dryRun = false;

  @JsonPropertyDescription(
      "Seed of the random pod choice: the same seed on the same pods picks the same pods. When"
          + " left out, the operator chooses one and writes it into the status.")
  private Long seed;

  @JsonPropertyDescription(
      "true lets pod-kill take the target below its PodDisruptionBudget; false refuses such a kill"
          + " and records the refusal. Evictions always honour the budget.")
  @Default("false")
  private Boolean allowDisruptionBudgetViolation = false;

  public TargetSpec getTarget() {
    return target;
  }

  public void setTarget(TargetSpec target) {
    this.target = target;
  }

  public Action getAction() {
    return action;
  }

  public void setAction(Action action) {
    this.action = action;
  }

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public Integer getValue() {
    return value;
  }

  public void setValue(Integer value) {
    this.value = value;
  }

  public Long getGracePeriodSeconds() {
    return gracePeriodSeconds;
  }

  public void setGracePeriodSeconds(Long gracePeriodSeconds) {
    this.gracePeriodSeconds = gracePeriodSeconds;
  }

  public Integer getRounds() {
    return rounds;
  }

  public void setRounds(Integer rounds) {
    this.rounds = rounds;
  }

  public Integer getIntervalSeconds() {
    return intervalSeconds;
  }

  public void setIntervalSeconds(Integer intervalSeconds) {
    this.intervalSeconds = intervalSeconds;
  }

  public SloSpec getSlo() {
    return slo;
  }

  public void setSlo(SloSpec slo) {
    this.slo = slo;
  }

  public ProbeSpec getProbe() {
    return probe;
  }

  public void setProbe(ProbeSpec probe) {
    this.probe = probe;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  public Boolean getDryRun() {
    return dryRun;
  }

  public void setDryRun(Boolean dryRun) {
    this.dryRun = dryRun;
  }

  public Long getSeed() {
    return seed;
  }

  public void setSeed(Long seed) {
    this.seed = seed;
  }

  public Boolean getAllowDisruptionBudgetViolation() {
    return allowDisruptionBudgetViolation;
  }

  public void setAllowDisruptionBudgetViolation(Boolean allowDisruptionBudgetViolation) {
    this.allowDisruptionBudgetViolation = allowDisruptionBudgetViolation;
  }
}
