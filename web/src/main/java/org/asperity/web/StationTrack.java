package org.asperity.web;

import org.asperity.time.TimeUnits;

/**
 * The recent motion of one station: its positions of the last {@link #WINDOW_DAYS} days along one
 * horizontal direction, one a day (the day's first sample, so a 1 Hz feed spans the same year as a
 * daily one; a fixed-size ring, so memory stays bounded however long or fast the stream), and their
 * least-squares velocity. Samples must come in increasing epoch order; an older or repeated epoch
 * is ignored (a station's observations are on one partition, so this only happens on replays).
 */
final class StationTrack {
  /**
   * A year of daily solutions: long enough to average out GNSS noise, short enough to show a
   * change.
   */
  static final int WINDOW_DAYS = 365;

  /** Fewer days than this give no velocity: a slope through a handful of noisy points misleads. */
  static final int MIN_SAMPLES = 10;

  private final String code;
  private final long[] epochMicros = new long[WINDOW_DAYS];
  private final double[] positionMeters = new double[WINDOW_DAYS];
  private int size;
  private int next;
  private long samples;
  private long lastSeenEpochMicros = Long.MIN_VALUE;
  private double latitudeDegrees = Double.NaN;
  private double longitudeDegrees = Double.NaN;
  private double cachedVelocity = Double.NaN;
  private boolean stale;

  StationTrack(String code) {
    this.code = code;
  }

  String code() {
    return code;
  }

  /**
   * Adds a sample.
   *
   * @param positionMeters displacement along the tracked direction, metres
   * @return false when the epoch is not after the last one (ignored)
   */
  boolean add(long epoch, double positionMeters) {
    if (epoch <= lastSeenEpochMicros) {
      return false;
    }
    lastSeenEpochMicros = epoch;
    samples++;
    if (size > 0
        && Math.floorDiv(epoch, TimeUnits.MICROS_PER_DAY)
            == Math.floorDiv(lastEpochMicros(), TimeUnits.MICROS_PER_DAY)) {
      return true;
    }
    epochMicros[next] = epoch;
    this.positionMeters[next] = positionMeters;
    next = (next + 1) % WINDOW_DAYS;
    size = Math.min(size + 1, WINDOW_DAYS);
    stale = true;
    return true;
  }

  void position(double latitude, double longitude) {
    this.latitudeDegrees = latitude;
    this.longitudeDegrees = longitude;
  }

  double latitudeDegrees() {
    return latitudeDegrees;
  }

  double longitudeDegrees() {
    return longitudeDegrees;
  }

  /** Samples received in all. */
  long samples() {
    return samples;
  }

  /** Positions (days) in the window. */
  int windowSize() {
    return size;
  }

  /** Epoch of the newest position in the window (the first sample of its day). */
  long lastEpochMicros() {
    return size == 0 ? Long.MIN_VALUE : epochMicros[(next + WINDOW_DAYS - 1) % WINDOW_DAYS];
  }

  /**
   * Least-squares slope of position against time over the window, metres per year (mean-centred
   * sums, so epochs of any magnitude lose no precision); NaN with fewer than {@link #MIN_SAMPLES}.
   */
  double velocityMetersPerYear() {
    if (!stale) {
      return cachedVelocity;
    }
    stale = false;
    cachedVelocity = Double.NaN;
    if (size < MIN_SAMPLES) {
      return cachedVelocity;
    }
    int first = (next + WINDOW_DAYS - size) % WINDOW_DAYS;
    long t0 = epochMicros[first];
    double meanT = 0.0;
    double meanX = 0.0;
    for (int k = 0; k < size; k++) {
      int idx = (first + k) % WINDOW_DAYS;
      meanT += (epochMicros[idx] - t0) / TimeUnits.MICROS_PER_YEAR;
      meanX += positionMeters[idx];
    }
    meanT /= size;
    meanX /= size;
    double stt = 0.0;
    double stx = 0.0;
    for (int k = 0; k < size; k++) {
      int idx = (first + k) % WINDOW_DAYS;
      double dt = (epochMicros[idx] - t0) / TimeUnits.MICROS_PER_YEAR - meanT;
      stt += dt * dt;
      stx += dt * (positionMeters[idx] - meanX);
    }
    if (stt > 0) {
      cachedVelocity = stx / stt;
    }
    return cachedVelocity;
  }
}
