package org.asperity.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

  @Test
  void releasesEachEventAtItsOffsetDividedByTheSpeed() {
    ManualClock clock = new ManualClock(1_000L);
    Pacer pacer = new Pacer(clock, 1000.0);
    assertTrue(pacer.awaitEvent(0, () -> false));
    assertEquals(List.of(), clock.parks);
    // 100 s of event time at 1000x is 100 ms of wall time.
    assertTrue(pacer.awaitEvent(100 * TimeUnits.MICROS_PER_SECOND, () -> false));
    assertEquals(List.of(100_000_000L), clock.parks);
    assertEquals(1_000L + 100_000_000L, clock.now);
  }

  @Test
  void waitsInSlicesShortEnoughToSeeAStop() {
    ManualClock clock = new ManualClock(1_000L);
    Pacer pacer = new Pacer(clock, 1.0);
    pacer.awaitEvent(0, () -> false);
    assertTrue(pacer.awaitEvent(0.5 * TimeUnits.MICROS_PER_SECOND, () -> false));
    assertEquals(List.of(200_000_000L, 200_000_000L, 100_000_000L), clock.parks);
  }

  @Test
  void anEventAlreadyDueDoesNotWait() {
    ManualClock clock = new ManualClock(1_000L);
    Pacer pacer = new Pacer(clock, 2.0);
    pacer.awaitEvent(0, () -> false);
    clock.now += 10 * TimeUnits.NANOS_PER_SECOND;
    assertTrue(pacer.awaitEvent(4 * TimeUnits.MICROS_PER_SECOND, () -> false));
    assertEquals(List.of(), clock.parks);
  }

  @Test
  void aStopRequestEndsTheWaitAndSaysSo() {
    ManualClock clock = new ManualClock(1_000L);
    Pacer pacer = new Pacer(clock, 1.0);
    pacer.awaitEvent(0, () -> false);
    int[] checks = {0};
    assertFalse(pacer.awaitEvent(3600 * TimeUnits.MICROS_PER_SECOND, () -> ++checks[0] > 2));
    assertEquals(2, clock.parks.size());
  }

  @Test
  void hugeOffsetsSaturateInsteadOfOverflowing() {
    Pacer pacer = new Pacer(new ManualClock(1_000L), 1e-9);
    assertEquals(Long.MAX_VALUE / 2, pacer.wallNanos(Double.MAX_VALUE));
    assertEquals(0L, pacer.wallNanos(-5));
  }

  @Test
  void refusesSpeedsThatCannotPace() {
    ManualClock clock = new ManualClock(1_000L);
    assertThrows(IllegalArgumentException.class, () -> new Pacer(clock, 0));
    assertThrows(IllegalArgumentException.class, () -> new Pacer(clock, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Pacer(clock, Double.POSITIVE_INFINITY));
  }
}
