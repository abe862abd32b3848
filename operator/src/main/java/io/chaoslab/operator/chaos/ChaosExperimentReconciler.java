package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;

/**
 * Runs every ChaosExperiment that has not finished, once. An experiment takes minutes, so it does
 * not run inside a reconciliation: the reconciler hands it to {@link ExperimentRuns}, which runs it
 * on its own thread and writes its status. A finished experiment (Passed, Failed, Error) is never
 * run again, whatever the event: a resync, a restart, an edit. To run it again, create it anew.
 *
 * <p>While an experiment is unfinished the reconciler looks at it again every {@link #RECHECK}: a
 * run that ended without a verdict (its status could not be written, say) is started again and
 * carries on from its status.
 */
@ControllerConfiguration(name = "chaosexperiment")
public class ChaosExperimentReconciler implements Reconciler<ChaosExperiment> {
  static final Duration RECHECK = Duration.ofSeconds(30);

  private final ExperimentRuns runs;

  public ChaosExperimentReconciler(ExperimentRuns runs) {
    this.runs = runs;
  }

  @Override
  public UpdateControl<ChaosExperiment> reconcile(
      ChaosExperiment experiment, Context<ChaosExperiment> context) {
    ExperimentPhase phase =
        experiment.getStatus() == null ? null : experiment.getStatus().getPhase();
    if (phase != null && phase.finished()) {
      return UpdateControl.noUpdate();
    }
    runs.ensureRunning(experiment);
    return UpdateControl.<ChaosExperiment>noUpdate().rescheduleAfter(RECHECK);
  }
}
