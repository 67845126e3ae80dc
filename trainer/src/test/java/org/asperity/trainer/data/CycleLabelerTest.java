package org.asperity.trainer.data;

import static org.asperity.time.TimeUnits.DAYS_PER_YEAR;
import static org.asperity.time.TimeUnits.MICROS_PER_DAY;
import static org.asperity.time.TimeUnits.SECONDS_PER_DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.physics.RuptureExtent;
import org.junit.jupiter.api.Test;

/** Labels on a hand-made catalog: every rule of {@link CycleLabeler} at its boundary. */
class CycleLabelerTest {

  private static final long DAY = MICROS_PER_DAY;
  private static final long START = 20_000 * DAY;
  private static final long WARM_UP = 100 * DAY;
  private static final long EXCLUSION = 30 * DAY;

  /** Onsets in days after START: large events at 50, 400, 1000; small ones at 600 and 1010. */
  private static final List<Earthquake> CATALOG =
      List.of(
          quake(400.5, 8.0), quake(50, 8.2), quake(600, 6.4), quake(1000, 7.9), quake(1010, 6.5));

  private final CycleLabeler labeler = new CycleLabeler(CATALOG, 7.0, START, WARM_UP, EXCLUSION);

  @Test
  void ticksInTheWarmUpAreNotRows() {
    assertEquals(RowLabel.Status.WARM_UP, labeler.label(START + 99 * DAY).status());
    assertTrue(labeler.label(START + 100 * DAY).valid());
  }

  @Test
  void ttfAndMagnitudeAreThoseOfTheNextLargeEvent() {
    RowLabel label = labeler.label(START + 200 * DAY);
    assertEquals(200.5, label.ttfDays(), 1e-9);
    assertEquals(8.0, label.magnitude());
    assertEquals(1, label.cycle(), "the cycle ended by the second large event");
    assertEquals(150.0, label.daysSinceLastEvent(), 1e-9);

    // After the small event at 600 (and its exclusion window), the target is still the next *large*
    // event.
    RowLabel later = labeler.label(START + 700 * DAY);
    assertEquals(300.0, later.ttfDays(), 1e-9);
    assertEquals(7.9, later.magnitude());
    assertEquals(2, later.cycle());
    assertEquals(299.5, later.daysSinceLastEvent(), 1e-9);
  }

  @Test
  void anOnsetAtTheTickIsPastAndJustAfterItIsNext() {
    // One microsecond before the onset at 400.5 days: TTF one microsecond.
    long onset = START + 400 * DAY + DAY / 2;
    RowLabel before = labeler.label(onset - 1);
    assertEquals(1e-6 / SECONDS_PER_DAY, before.ttfDays(), 1e-15);
    assertEquals(1, before.cycle());
    // At the onset the event is past, and its rupture is in the window.
    assertEquals(RowLabel.Status.RUPTURE_IN_WINDOW, labeler.label(onset).status());
  }

  @Test
  void rowsWhoseWindowHoldsARuptureOfAnySizeAreDropped() {
    // Window (T - 30 d, T]: the small event at 600 d is inside for T in [600, 630).
    assertTrue(labeler.label(START + 599 * DAY).valid());
    assertEquals(RowLabel.Status.RUPTURE_IN_WINDOW, labeler.label(START + 600 * DAY).status());
    assertEquals(RowLabel.Status.RUPTURE_IN_WINDOW, labeler.label(START + 629 * DAY).status());
    assertTrue(labeler.label(START + 630 * DAY).valid());
    // After the large event at 400.5 d: dropped until 430.5 d.
    assertEquals(RowLabel.Status.RUPTURE_IN_WINDOW, labeler.label(START + 430 * DAY).status());
    assertTrue(labeler.label(START + 431 * DAY).valid());
  }

  @Test
  void noExclusionKeepsTheRowsAfterARupture() {
    CycleLabeler none = new CycleLabeler(CATALOG, 7.0, START, WARM_UP, 0);
    assertTrue(none.label(START + 600 * DAY).valid());
  }

  @Test
  void rowsWithoutAKnownCycleStartOrWithoutALabelAreDropped() {
    CycleLabeler noWarmUp = new CycleLabeler(CATALOG, 7.0, START, 0, EXCLUSION);
    assertEquals(RowLabel.Status.NO_PREVIOUS_EVENT, noWarmUp.label(START + 49 * DAY).status());
    assertEquals(RowLabel.Status.NO_NEXT_EVENT, labeler.label(START + 1100 * DAY).status());
  }

  @Test
  void theThresholdDecidesWhatEndsACycle() {
    CycleLabeler all = new CycleLabeler(CATALOG, 6.0, START, WARM_UP, EXCLUSION);
    RowLabel label = all.label(START + 700 * DAY);
    assertEquals(300.0, label.ttfDays(), 1e-9);
    assertEquals(100.0, label.daysSinceLastEvent(), 1e-9, "the Mw 6.4 event now counts");
    assertEquals(3, label.cycle());
    assertEquals(5, all.largeEvents());
    assertEquals(3, labeler.largeEvents());
  }

  private static Earthquake quake(double days, double magnitude) {
    long onset = START + Math.round(days * DAY);
    return new Earthquake(
        0,
        "sim-00",
        "sim-00/" + onset,
        onset,
        days / DAYS_PER_YEAR,
        List.of("A1"),
        magnitude >= 7 ? RuptureExtent.PARTIAL : RuptureExtent.SMALL,
        magnitude,
        1e20,
        0,
        100,
        1000,
        1,
        2,
        new double[] {1, 0, 0});
  }
}
