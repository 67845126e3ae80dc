package org.asperity.time;

/**
 * The time units of the whole system, defined once. Years are Julian years (365.25 days), the
 * convention of geodetic velocity fields and of the seismic-cycle literature.
 */
public final class TimeUnits {
  private TimeUnits() {}

  public static final long NANOS_PER_MICRO = 1_000L;
  public static final long MICROS_PER_MILLI = 1_000L;
  public static final long MILLIS_PER_SECOND = 1_000L;
  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long NANOS_PER_SECOND = 1_000_000_000L;
  public static final long SECONDS_PER_MINUTE = 60L;
  public static final long SECONDS_PER_HOUR = 3_600L;
  public static final long SECONDS_PER_DAY = 86_400L;
  public static final long MILLIS_PER_DAY = SECONDS_PER_DAY * MILLIS_PER_SECOND;
  public static final long MICROS_PER_DAY = SECONDS_PER_DAY * MICROS_PER_SECOND;

  /** Days in a Julian year. */
  public static final double DAYS_PER_YEAR = 365.25;

  public static final double SECONDS_PER_YEAR = DAYS_PER_YEAR * SECONDS_PER_DAY;
  public static final double MICROS_PER_YEAR = SECONDS_PER_YEAR * MICROS_PER_SECOND;

  /** Days to Julian years. */
  public static double daysToYears(double days) {
    return days / DAYS_PER_YEAR;
  }

  /** Julian years to days. */
  public static double yearsToDays(double years) {
    return years * DAYS_PER_YEAR;
  }

  /** Microseconds to Julian years. */
  public static double microsToYears(double micros) {
    return micros / MICROS_PER_YEAR;
  }
}
