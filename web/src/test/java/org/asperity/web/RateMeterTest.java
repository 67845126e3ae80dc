package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateMeterTest {

  @Test
  void meanOverTheCompleteSecondsOfTheWindow() {
    long t0 = 1_000_000L;
    RateMeter meter = new RateMeter(5, t0);
    assertTrue(Double.isNaN(meter.perSecond(t0 + 500)), "no complete second yet");
    for (int s = 0; s < 10; s++) {
      meter.add(t0 + s * 1000 + 100, 40 + 20 * (s % 2)); // seconds 0..9: 40, 60, 40, 60, ...
    }
    assertEquals(
        (60 + 40 + 60 + 40 + 60) / 5.0, meter.perSecond(t0 + 10_000 + 10), 1e-9, "seconds 5..9");
    assertEquals(
        (40 + 60 + 40 + 60 + 40) / 5.0, meter.perSecond(t0 + 9_000 + 10), 1e-9, "seconds 4..8");
  }

  @Test
  void startsFromTheFirstSecondsAndDecaysWhenTheStreamStops() {
    long t0 = 5_000L;
    RateMeter meter = new RateMeter(5, t0);
    meter.add(t0 + 10, 300);
    assertEquals(300.0, meter.perSecond(t0 + 1_000), 1e-9);
    assertEquals(150.0, meter.perSecond(t0 + 2_000), 1e-9);
    assertEquals(0.0, meter.perSecond(t0 + 60_000), 1e-9);
  }
}
