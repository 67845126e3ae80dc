package org.asperity.job.types;

import java.time.Duration;
import java.time.Instant;
import org.asperity.time.TimeUnits;

/**
 * The job's event time: microseconds since 1970 (the resolution of the observations' epochs), and
 * durations in microseconds. Conversions are exact or fail on overflow.
 */
public final class Micros {
  private Micros() {}

  /** µs since 1970 of {@code instant}, sub-µs truncated. */
  public static long of(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), TimeUnits.MICROS_PER_SECOND),
        instant.getNano() / TimeUnits.NANOS_PER_MICRO);
  }

  /** {@code duration} in µs, sub-µs truncated. */
  public static long of(Duration duration) {
    return Math.addExact(
        Math.multiplyExact(duration.getSeconds(), TimeUnits.MICROS_PER_SECOND),
        duration.getNano() / TimeUnits.NANOS_PER_MICRO);
  }

  /** The instant of {@code micros} µs since 1970. */
  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, TimeUnits.MICROS_PER_SECOND),
        Math.floorMod(micros, TimeUnits.MICROS_PER_SECOND) * TimeUnits.NANOS_PER_MICRO);
  }
}
