package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

class ForecastLatencyTest {
  private static final long DAY = TimeUnits.MICROS_PER_DAY;

  @Test
  void fromTheFirstObservationAtOrAfterTheWindowEndToTheForecast() {
    ForecastLatency l = new ForecastLatency();
    l.observation("sim-00", 10 * DAY, 1_000);
    l.observation(
        "sim-00", 10 * DAY, 1_100); // another station, same epoch: the first arrival counts
    l.observation("sim-00", 11 * DAY, 2_000);
    l.forecast("sim-00", 10 * DAY, 3_500);
    l.forecast(
        "sim-00", 11 * DAY - DAY / 2, 2_600); // window end between epochs: the next epoch's arrival
    ForecastLatency.Summary s = l.summary();
    assertEquals(2, s.samples());
    assertEquals(600, s.p50Millis());
    assertEquals(2_500, s.maxMillis());
  }

  @Test
  void unknownInputsGiveNoSample() {
    ForecastLatency l = new ForecastLatency();
    l.forecast("sim-00", DAY, 5_000); // nothing observed
    l.observation("sim-00", 10 * DAY, 1_000);
    l.forecast("sim-00", 20 * DAY, 5_000); // inputs not seen yet
    l.forecast("sim-00", 2 * DAY, 5_000); // older than what is remembered
    l.forecast("sim-01", 10 * DAY, 5_000); // other region
    assertEquals(0, l.summary().samples());
  }
}
