package org.asperity.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * GPS time to UTC. GPS time started at 1980-01-06 00:00 UTC and has no leap seconds, so it runs
 * ahead of UTC by the leap seconds inserted since: the table is IERS Bulletin C (18 s since
 * 2017-01-01; no leap second has been announced since). RTKLIB and GAMIT TRACK time-tag solutions
 * in GPS time.
 */
final class GpsTime {
  static final Instant GPS_EPOCH = Instant.parse("1980-01-06T00:00:00Z");
  private static final long SECONDS_PER_WEEK = 7L * 86_400;

  /** UTC dates from which GPS - UTC took the value at the same index of {@link #OFFSETS}. */
  private static final LocalDate[] FROM = {
    LocalDate.of(1981, 7, 1),
    LocalDate.of(1982, 7, 1),
    LocalDate.of(1983, 7, 1),
    LocalDate.of(1985, 7, 1),
    LocalDate.of(1988, 1, 1),
    LocalDate.of(1990, 1, 1),
    LocalDate.of(1991, 1, 1),
    LocalDate.of(1992, 7, 1),
    LocalDate.of(1993, 7, 1),
    LocalDate.of(1994, 7, 1),
    LocalDate.of(1996, 1, 1),
    LocalDate.of(1997, 7, 1),
    LocalDate.of(1999, 1, 1),
    LocalDate.of(2006, 1, 1),
    LocalDate.of(2009, 1, 1),
    LocalDate.of(2012, 7, 1),
    LocalDate.of(2015, 7, 1),
    LocalDate.of(2017, 1, 1)
  };

  private static final long[] STARTS_GPS_SECONDS = new long[FROM.length];

  static {
    for (int i = 0; i < FROM.length; i++) {
      // The instant of each step, on the GPS time scale (GPS = UTC + offset in force from then).
      STARTS_GPS_SECONDS[i] = FROM[i].atStartOfDay(ZoneOffset.UTC).toEpochSecond() + (i + 1);
    }
  }

  private GpsTime() {}

  /** GPS - UTC in seconds at a time given on the GPS scale (as if it were UTC). */
  static int leapSeconds(long gpsEpochSecond) {
    int offset = 0;
    for (int i = 0; i < STARTS_GPS_SECONDS.length; i++) {
      if (gpsEpochSecond >= STARTS_GPS_SECONDS[i]) {
        offset = i + 1;
      }
    }
    return offset;
  }

  /** The UTC instant of a calendar time read on the GPS scale. */
  static Instant toUtc(Instant gpsAsIfUtc) {
    return gpsAsIfUtc.minusSeconds(leapSeconds(gpsAsIfUtc.getEpochSecond()));
  }

  /** The UTC instant of GPS week and seconds of week. */
  static Instant ofWeek(long week, double secondsOfWeek) {
    long whole = (long) Math.floor(secondsOfWeek);
    long nanos = Math.round((secondsOfWeek - whole) * 1e9);
    return toUtc(GPS_EPOCH.plusSeconds(week * SECONDS_PER_WEEK + whole).plusNanos(nanos));
  }
}
