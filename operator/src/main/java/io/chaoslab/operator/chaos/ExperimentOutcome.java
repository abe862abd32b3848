package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.chaoslab.operator.conditions.Conditions;

/**
 * The phase and the two conditions a pipeline reads: {@code Complete} (True once finished, whatever
 * the verdict, so {@code kubectl wait --for=condition=Complete} returns) and {@code Succeeded} (the
 * verdict: True for Passed, False for Failed and Error; absent while running).
 */
final class ExperimentOutcome {
  static final String COMPLETE = "Complete";
  static final String SUCCEEDED = "Succeeded";

  private final Conditions conditions;

  ExperimentOutcome(Conditions conditions) {
    this.conditions = conditions;
  }

  void running(ChaosExperimentStatus status, ChaosExperiment experiment, String message) {
    status.setPhase(ExperimentPhase.Running);
    status.setMessage(message);
    complete(status, experiment, false, "Running", message);
  }

  void dryRun(ChaosExperimentStatus status, ChaosExperiment experiment, String message) {
    status.setPhase(ExperimentPhase.Passed);
    status.setMessage(message);
    complete(status, experiment, true, "DryRun", message);
    succeeded(status, experiment, true, "DryRun", message);
  }

  void finished(
      ChaosExperimentStatus status,
      ChaosExperiment experiment,
      boolean passed,
      String reason,
      String message) {
    ExperimentPhase phase = passed ? ExperimentPhase.Passed : ExperimentPhase.Failed;
    status.setPhase(phase);
    status.setMessage(message);
    complete(status, experiment, true, phase.name(), message);
    succeeded(status, experiment, passed, reason, message);
  }

  void error(
      ChaosExperimentStatus status, ChaosExperiment experiment, String reason, String message) {
    status.setPhase(ExperimentPhase.Error);
    status.setMessage(message);
    complete(status, experiment, true, ExperimentPhase.Error.name(), message);
    succeeded(status, experiment, false, reason, message);
  }

  private void complete(
      ChaosExperimentStatus status,
      ChaosExperiment experiment,
      boolean complete,
      String reason,
      String message) {
    status.setConditions(
        conditions.set(
            status.getConditions(), COMPLETE, complete, reason, message, generation(experiment)));
  }

  private void succeeded(
      ChaosExperimentStatus status,
      ChaosExperiment experiment,
      boolean succeeded,
      String reason,
      String message) {
    status.setConditions(
        conditions.set(
            status.getConditions(), SUCCEEDED, succeeded, reason, message, generation(experiment)));
  }

  private static long generation(ChaosExperiment experiment) {
    Long generation = experiment.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
