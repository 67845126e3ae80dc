package org.asperity.simulator;

import org.asperity.time.WallClock;

/** A wall clock that moves only when the code under test waits on it. */
final class ManualClock implements WallClock {
  long now;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void parkNanos(long nanos) {
    now += nanos;
  }
}
