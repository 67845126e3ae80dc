package org.asperity.time;

import java.util.function.BooleanSupplier;

/**
 * Holds a stream to a speed: an event {@code offset} after the first paced event is released once
 * {@code offset / speedFactor} of wall time has passed since that first event. Used by the
 * simulator and by replay, so both pace the same way.
 */
public final class Pacer {
  /** Longest single wait, so that a stop request is seen within this time. */
  static final long MAX_PARK_NANOS = 200_000_000L;

  private final WallClock clock;
  private final double speedFactor;
  private long startNanos;
  private boolean started;

  /**
   * @param speedFactor event time per wall time, e.g. 1000 replays 1000 s of data per second; must
   *     be positive and finite
   */
  public Pacer(WallClock clock, double speedFactor) {
    if (!(speedFactor > 0) || Double.isInfinite(speedFactor)) {
      throw new IllegalArgumentException(
          "speed factor must be positive and finite: " + speedFactor);
    }
    this.clock = clock;
    this.speedFactor = speedFactor;
  }

  /**
   * Waits until the event at {@code eventOffsetMicros} after the first paced event is due. The
   * first call starts the wall clock and returns at once.
   *
   * @param stopRequested checked between waits; the wait ends early when it turns true
   * @return true when the event is due, false when a stop was requested or the thread interrupted
   */
  public boolean awaitEvent(double eventOffsetMicros, BooleanSupplier stopRequested) {
    long now = clock.nanoTime();
    if (!started) {
      started = true;
      startNanos = now;
    }
    long due = startNanos + wallNanos(eventOffsetMicros);
    while (now - due < 0) {
      if (stopRequested.getAsBoolean() || Thread.currentThread().isInterrupted()) {
        return false;
      }
      clock.parkNanos(Math.min(due - now, MAX_PARK_NANOS));
      now = clock.nanoTime();
    }
    return !stopRequested.getAsBoolean() && !Thread.currentThread().isInterrupted();
  }

  /** Wall time, in nanoseconds, that an event offset takes at this speed (saturating). */
  long wallNanos(double eventOffsetMicros) {
    double nanos = eventOffsetMicros * TimeUnits.NANOS_PER_MICRO / speedFactor;
    if (nanos >= Long.MAX_VALUE / 2.0) {
      return Long.MAX_VALUE / 2;
    }
    return Math.max(0L, (long) nanos);
  }
}
