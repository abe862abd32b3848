/**
 * The chaos engine: runs a ChaosExperiment from its checks to its verdict.
 *
 * <ul>
 *   <li>{@link io.chaoslab.operator.chaos.ChaosExperimentReconciler} hands every unfinished
 *       experiment to {@link io.chaoslab.operator.chaos.ExperimentRuns}, which runs each on its own
 *       virtual thread ({@link io.chaoslab.operator.chaos.ExperimentRun}): checks ({@link
 *       io.chaoslab.operator.chaos.Preflight}, {@link
 *       io.chaoslab.operator.chaos.ExperimentSpecCheck}), rounds of kills ({@link
 *       io.chaoslab.operator.chaos.Injector}), the verdict ({@link
 *       io.chaoslab.operator.chaos.ExperimentOutcome}), all written into the status ({@link
 *       io.chaoslab.operator.chaos.ExperimentStatusWriter}), which is also its memory across
 *       restarts ({@link io.chaoslab.operator.chaos.RoundResume}).
 *   <li>Which pods: {@link io.chaoslab.operator.chaos.Target}, {@link
 *       io.chaoslab.operator.chaos.KillCount}, {@link io.chaoslab.operator.chaos.PodPicker}, {@link
 *       io.chaoslab.operator.chaos.DisruptionBudgetGuard}.
 *   <li>What happened after: {@link io.chaoslab.operator.chaos.TargetWatch} (informers) feeds
 *       {@link io.chaoslab.operator.chaos.RecoveryTracker}; {@link
 *       io.chaoslab.operator.chaos.ProbeRunner} feeds {@link
 *       io.chaoslab.operator.chaos.Availability}.
 *   <li>What it means: {@link io.chaoslab.operator.chaos.RecoveryStatistics}, {@link
 *       io.chaoslab.operator.chaos.Verdict}, {@link io.chaoslab.operator.chaos.StatusRecords}, and
 *       the metrics ({@link io.chaoslab.operator.chaos.ChaosMetrics}).
 * </ul>
 */
package io.chaoslab.operator.chaos;
