/**
 * The chaos engine's parts that know nothing of HTTP, threads or the Kubernetes client: which pods
 * to kill ({@link io.chaoslab.operator.chaos.Target}, {@link io.chaoslab.operator.chaos.KillCount},
 * {@link io.chaoslab.operator.chaos.PodPicker}, {@link
 * io.chaoslab.operator.chaos.DisruptionBudgetGuard}), what the watches showed afterwards ({@link
 * io.chaoslab.operator.chaos.RecoveryTracker}, {@link io.chaoslab.operator.chaos.Availability}),
 * and what it means ({@link io.chaoslab.operator.chaos.RecoveryStatistics}, {@link
 * io.chaoslab.operator.chaos.Verdict}, {@link io.chaoslab.operator.chaos.StatusRecords}). The
 * ChaosExperiment reconciler that drives them against a cluster is not written yet.
 */
package io.chaoslab.operator.chaos;
