/**
 * The {@code ChaosExperiment} custom resource ({@code chaoslab.io/v1alpha1}, short names {@code
 * chaos} and {@code cx}): which pods to kill and how, and the bounds of a good recovery, in its
 * spec; the recovery timeline of every kill, the availability seen by the probe and the verdict in
 * its status.
 *
 * <p>These classes are the API, kept apart from the chaos engine: the CRD in {@code crds/} is
 * generated from them at build time, so the ranges, patterns and CEL rules written here (one target
 * form, a value for {@code fixed} and {@code percent}, at most 100 percent) are enforced by the API
 * server before the operator ever sees an experiment.
 */
package io.chaoslab.operator.api.chaos;
