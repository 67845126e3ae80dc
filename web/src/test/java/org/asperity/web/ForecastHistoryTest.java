package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

class ForecastHistoryTest {
  private static final long DAY = TimeUnits.MICROS_PER_DAY;

  private static ForecastHistory.Point at(long seq, long micros) {
    return new ForecastHistory.Point(seq, micros, 1, 2, 3, 8.0);
  }

  @Test
  void keepsEveryPointWhileThereIsRoom() {
    ForecastHistory h = new ForecastHistory(100, 1000 * DAY);
    for (int d = 0; d < 99; d++) {
      assertTrue(h.offer(at(d, d * DAY)));
    }
    assertEquals(99, h.size());
    assertEquals(0, h.spacingMicros());
  }

  @Test
  void staysWithinCapacityAndSpanWithUniformResolution() {
    int capacity = 64;
    long span = 10_000 * DAY;
    ForecastHistory h = new ForecastHistory(capacity, span);
    for (int d = 0; d < 50_000; d++) {
      h.offer(at(d, d * DAY));
      assertTrue(h.size() < capacity);
    }
    List<ForecastHistory.Point> points = h.points();
    long first = points.get(0).windowEndMicros();
    long last = points.get(points.size() - 1).windowEndMicros();
    assertTrue(last - first <= span, "within the span");
    assertTrue(last >= 49_000 * DAY, "recent points are kept");
    for (int k = 1; k < points.size(); k++) {
      long step = points.get(k).windowEndMicros() - points.get(k - 1).windowEndMicros();
      assertTrue(
          step >= h.spacingMicros() / 2 && step <= 4 * h.spacingMicros(),
          "step " + step / DAY + " d");
    }
  }

  @Test
  void thinningKeepsTheNewestPoint() {
    ForecastHistory h = new ForecastHistory(8, Long.MAX_VALUE);
    for (int d = 0; d < 8; d++) {
      h.offer(at(d, d * DAY));
    }
    List<ForecastHistory.Point> points = h.points();
    assertEquals(4, points.size());
    assertEquals(7 * DAY, points.get(points.size() - 1).windowEndMicros());
    assertEquals(2 * DAY, h.spacingMicros());
    assertFalse(h.offer(at(8, 8 * DAY)), "closer than the spacing to the last kept point");
    assertTrue(h.offer(at(9, 9 * DAY)));
  }

  @Test
  void pointsNotAfterTheLastAreRejected() {
    ForecastHistory h = new ForecastHistory(8, Long.MAX_VALUE);
    assertTrue(h.offer(at(1, 5 * DAY)));
    assertFalse(h.offer(at(2, 5 * DAY)));
    assertFalse(h.offer(at(3, 4 * DAY)));
    assertEquals(1, h.size());
  }
}
