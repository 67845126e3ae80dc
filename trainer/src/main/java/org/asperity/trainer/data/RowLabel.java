package org.asperity.trainer.data;

/**
 * What the catalog says about one forecast tick: whether it is a training row and, if so, its
 * targets.
 *
 * @param status why the row is kept or dropped
 * @param ttfDays days from the tick to the onset of the next event at or above the threshold (NaN
 *     unless valid)
 * @param magnitude moment magnitude of that event (NaN unless valid)
 * @param cycle index, within its run, of the event that ends the row's cycle: the row belongs to
 *     the cycle between event {@code cycle - 1} and event {@code cycle} at or above the threshold
 *     (-1 unless valid)
 * @param daysSinceLastEvent days since the onset of the last event at or above the threshold (NaN
 *     unless valid)
 */
public record RowLabel(
    Status status, double ttfDays, double magnitude, int cycle, double daysSinceLastEvent) {

  /** Why a tick is or is not a row. */
  public enum Status {
    /** A training row. */
    VALID,
    /** Before the feature warm-up ends (the long station window is not yet full). */
    WARM_UP,
    /**
     * No event at or above the threshold recorded before the tick: the cycle's start is unknown.
     */
    NO_PREVIOUS_EVENT,
    /** No event at or above the threshold after the tick in the record: no label. */
    NO_NEXT_EVENT,
    /** An earthquake of any size started within the exclusion window ending at the tick. */
    RUPTURE_IN_WINDOW
  }

  static RowLabel dropped(Status status) {
    return new RowLabel(status, Double.NaN, Double.NaN, -1, Double.NaN);
  }

  public boolean valid() {
    return status == Status.VALID;
  }
}
