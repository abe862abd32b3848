package io.chaoslab.operator.api.chaos;

/** Where a ChaosExperiment stands, in one word for {@code kubectl get cx}; named as on the wire. */
public enum ExperimentPhase {
  /** Accepted, nothing done yet. */
  Pending,
  /** Checking the steady state, killing pods or waiting for their recovery. */
  Running,
  /** Finished: every recovery and the availability met the SLO. */
  Passed,
  /** Finished: some bound of the SLO was missed (the message says which and by how much). */
  Failed,
  /** Finished without a verdict: the experiment could not run (the message says why). */
  Error;

  /** Passed, Failed and Error are final: a finished experiment is never run again. */
  public boolean finished() {
    return this == Passed || this == Failed || this == Error;
  }
}
