package org.asperity.replay;

import java.time.Instant;
import java.util.Set;

/**
 * How to replay.
 *
 * @param shiftToNow move event times so the first replayed epoch is {@code now} (keeping spacing);
 *     false = historic, original event times
 * @param speedFactor event-time seconds per wall second (1 = real time); infinity = as fast as
 *     possible
 * @param stations only these station codes (empty = all)
 * @param from only epochs at or after this (original event time), null = no bound
 * @param to only epochs before this (original event time), null = no bound
 * @param now the instant shift-to-now aligns the first epoch to
 */
public record ReplayOptions(
    boolean shiftToNow,
    double speedFactor,
    Set<String> stations,
    Instant from,
    Instant to,
    Instant now) {

  public ReplayOptions {
    if (!(speedFactor > 0)) {
      throw new IllegalArgumentException(
          "speed factor must be > 0 (infinity: as fast as possible)");
    }
    stations = Set.copyOf(stations);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("--from must be before --to");
    }
  }

  public static ReplayOptions historicAsFastAsPossible() {
    return new ReplayOptions(false, Double.POSITIVE_INFINITY, Set.of(), null, null, Instant.now());
  }

  boolean paced() {
    return !Double.isInfinite(speedFactor);
  }

  boolean keeps(String station, Instant epoch) {
    return (stations.isEmpty() || stations.contains(station))
        && (from == null || !epoch.isBefore(from))
        && (to == null || epoch.isBefore(to));
  }
}
