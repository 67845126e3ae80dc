package org.asperity.simulator;

import java.time.Duration;
import java.time.Instant;
import org.asperity.time.TimeUnits;

/**
 * Simulated time: epoch k is at {@code start + k * interval} (exact microseconds); the physics runs
 * in years (Julian, 365.25 days) from the start of recording.
 */
public final class TimeAxis {
  private final long startMicros;
  private final long intervalMicros;

  public TimeAxis(Instant start, Duration interval) {
    this.startMicros =
        Math.addExact(
            Math.multiplyExact(start.getEpochSecond(), TimeUnits.MICROS_PER_SECOND),
            start.getNano() / TimeUnits.NANOS_PER_MICRO);
    this.intervalMicros = interval.toNanos() / TimeUnits.NANOS_PER_MICRO;
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
    return epoch * (double) intervalMicros / TimeUnits.MICROS_PER_YEAR;
  }

  /** Microseconds since 1970 of a physics time in years (rounded to the microsecond). */
  public long micros(double years) {
    return startMicros + Math.round(years * TimeUnits.MICROS_PER_YEAR);
  }

  public static Instant instant(long epochMicros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochMicros, TimeUnits.MICROS_PER_SECOND),
        Math.floorMod(epochMicros, TimeUnits.MICROS_PER_SECOND) * TimeUnits.NANOS_PER_MICRO);
  }
}
