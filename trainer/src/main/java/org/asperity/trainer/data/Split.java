package org.asperity.trainer.data;

/**
 * The three sets of a training run. Whole simulation runs (independent seeds, hence whole cycles)
 * go to one set, so no cycle and no feature window is shared between sets.
 */
public enum Split {
  /** Fits the trees. */
  TRAIN,
  /** Early stopping and the choices made during development; never the reported scores. */
  VALIDATION,
  /** Scored once, for the model card. */
  TEST;

  /**
   * Fraction of the runs held out for validation, and the same again for test (at least one each).
   */
  public static final double HELD_OUT_FRACTION = 0.15;

  /** Runs held out per held-out set for {@code runs} runs. */
  public static int heldOutRuns(int runs) {
    if (runs < 3) {
      throw new IllegalArgumentException(
          "at least 3 simulation runs are needed (train, validation, test), not " + runs);
    }
    return Math.max(1, (int) Math.round(HELD_OUT_FRACTION * runs));
  }

  /**
   * The set of run {@code run} of {@code runs}: the last {@link #heldOutRuns} runs are the test
   * set, the ones before them the validation set, the rest training. Runs have independent seeds,
   * so which ones are held out does not matter; fixing it by index keeps it out of anyone's hands.
   */
  public static Split ofRun(int run, int runs) {
    int heldOut = heldOutRuns(runs);
    if (run < 0 || run >= runs) {
      throw new IllegalArgumentException("run " + run + " outside 0.." + (runs - 1));
    }
    if (run >= runs - heldOut) {
      return TEST;
    }
    return run >= runs - 2 * heldOut ? VALIDATION : TRAIN;
  }
}
