package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

class StationTrackTest {
  private static final long DAY_MICROS = TimeUnits.MICROS_PER_DAY;
  private static final double YEAR_DAYS = TimeUnits.DAYS_PER_YEAR;
  private static final long START = LiveModel.micros(Instant.parse("2030-01-01T00:00:00Z"));

  @Test
  void velocityOfSteadyMotionIsItsRate() {
    StationTrack t = new StationTrack("C001");
    for (int d = 0; d < 200; d++) {
      t.add(START + d * DAY_MICROS, 0.5 + 0.030 * d / YEAR_DAYS);
    }
    assertEquals(0.030, t.velocityMetersPerYear(), 1e-12);
  }

  @Test
  void onlyTheLastWindowCounts() {
    StationTrack t = new StationTrack("C001");
    int n = StationTrack.WINDOW_DAYS;
    double x = 0;
    for (int d = 0; d < 3 * n; d++) {
      // 40 mm/yr seaward for two windows, then 25 mm/yr landward
      x += (d < 2 * n ? -0.040 : 0.025) / YEAR_DAYS;
      t.add(START + d * DAY_MICROS, x);
    }
    assertEquals(n, t.windowSize());
    assertEquals(3L * n, t.samples());
    assertEquals(0.025, t.velocityMetersPerYear(), 1e-9);
  }

  @Test
  void aFiveMinuteFeedSpansTheSameYearAsADailyOne() {
    StationTrack t = new StationTrack("C001");
    long every = 300_000_000L;
    for (long e = 0; e < 400 * DAY_MICROS; e += every) {
      // 30 mm/yr seaward until the last year, then 20 mm/yr landward.
      double years = e / (double) DAY_MICROS / YEAR_DAYS;
      double last = (e - 35 * DAY_MICROS) / (double) DAY_MICROS / YEAR_DAYS;
      t.add(
          START + e, e < 35 * DAY_MICROS ? -0.030 * years : -0.030 * 35 / YEAR_DAYS + 0.020 * last);
    }
    assertEquals(StationTrack.WINDOW_DAYS, t.windowSize());
    assertEquals(400 * 288, t.samples());
    assertEquals(0.020, t.velocityMetersPerYear(), 1e-9);
  }

  @Test
  void leastSquaresThroughScatter() {
    // Symmetric residuals (+1 cm, -1 cm, -1 cm, +1 cm, ...) about 10 mm/yr do not tilt the fit.
    StationTrack t = new StationTrack("I001");
    for (int d = 0; d < 40; d++) {
      double residual = (d % 4 == 0 || d % 4 == 3) ? 0.01 : -0.01;
      t.add(START + d * 7 * DAY_MICROS, 0.010 * d * 7 / YEAR_DAYS + residual);
    }
    assertEquals(0.010, t.velocityMetersPerYear(), 1e-9);
  }

  @Test
  void tooFewSamplesGiveNoVelocity() {
    StationTrack t = new StationTrack("C001");
    for (int d = 0; d < StationTrack.MIN_SAMPLES - 1; d++) {
      t.add(START + d * DAY_MICROS, d);
    }
    assertTrue(Double.isNaN(t.velocityMetersPerYear()));
    t.add(START + 100 * DAY_MICROS, 0);
    assertFalse(Double.isNaN(t.velocityMetersPerYear()));
  }

  @Test
  void olderOrRepeatedEpochsAreIgnored() {
    StationTrack t = new StationTrack("C001");
    assertTrue(t.add(START + 10 * DAY_MICROS, 1.0));
    assertFalse(t.add(START + 10 * DAY_MICROS, 2.0));
    assertFalse(t.add(START + 5 * DAY_MICROS, 3.0));
    assertEquals(1, t.samples());
    assertEquals(START + 10 * DAY_MICROS, t.lastEpochMicros());
  }
}
