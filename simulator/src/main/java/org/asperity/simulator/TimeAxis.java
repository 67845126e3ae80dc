package org.asperity.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Simulated time: epoch k is at {@code start + k * interval} (exact microseconds); the physics runs
 * in years (Julian, 365.25 days) from the start of recording.
 */
public final class TimeAxis {
  public static final double MICROS_PER_YEAR = 365.25 * 86400.0 * 1e6;

  private final long startMicros;
  private final long intervalMicros;

  public TimeAxis(Instant start, Duration interval) {
    this.startMicros =
        Math.addExact(
            Math.multiplyExact(start.getEpochSecond(), 1_000_000L), start.getNano() / 1000);
    this.intervalMicros = interval.toNanos() / 1000;
    if (intervalMicros <= 0) {
      throw new IllegalArgumentException("sampling interval must be at least 1 microsecond");
    }
  }

  public long startMicros() {
    return startMicros;
  }

  public long intervalMicros() {
    return intervalMicros;
  }

  public long epochMicros(long epoch) {
    return startMicros + epoch * intervalMicros;
  }

  public double epochYears(long epoch) {
    return epoch * (double) intervalMicros / MICROS_PER_YEAR;
  }

  /** Microseconds since 1970 of a physics time in years (rounded to the microsecond). */
  public long micros(double years) {
    return startMicros + Math.round(years * MICROS_PER_YEAR);
  }

  public static Instant instant(long epochMicros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L);
  }
}
