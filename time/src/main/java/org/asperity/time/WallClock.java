package org.asperity.time;

import java.util.concurrent.locks.LockSupport;

/**
 * The wall clock as pacing sees it: a monotonic reading and a way to wait. Injected so that tests
 * pace exactly against a clock they advance themselves.
 */
public interface WallClock {
  /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Waits about {@code nanos}; may return early (interrupt, spurious wake-up). */
  void parkNanos(long nanos);

  /** The system's monotonic clock. */
  WallClock SYSTEM =
      new WallClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void parkNanos(long nanos) {
          LockSupport.parkNanos(nanos);
        }
      };
}
