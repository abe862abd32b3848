package io.chaoslab.loadgen;

import java.util.List;

/**
 * The verdict on the books after a run.
 *
 * @param products each product's books as last read (empty when the stock could not be read)
 * @param sampled how many created orders were read back
 * @param sampleProblems the read-back orders that were not {@code CONFIRMED}, one line each
 * @param outcomes what became of the requests without a definite answer
 * @param message one line for people
 */
record LedgerResult(
    Verdict verdict,
    List<Ledger.Balance> products,
    int sampled,
    List<String> sampleProblems,
    OutcomeResolver.Outcome outcomes,
    String message) {

  /** OK, BROKEN, or NOT_CHECKED (with {@code --no-ledger}, or after the run was stopped). */
  enum Verdict {
    OK,
    BROKEN,
    NOT_CHECKED
  }

  static LedgerResult notChecked(String why) {
    return new LedgerResult(Verdict.NOT_CHECKED, List.of(), 0, List.of(), null, why);
  }

  boolean broken() {
    return verdict == Verdict.BROKEN;
  }
}
