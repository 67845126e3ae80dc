package org.asperity.replay;

import org.asperity.time.WallClock;

/** A wall clock that moves only when the code under test waits on it. */
final class ManualClock implements WallClock {
  long now;

  /** Runs at every wait, after the clock moved: lets a test act "during" a wait. */
  Runnable onPark = () -> {};

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void parkNanos(long nanos) {
    now += nanos;
    onPark.run();
  }
}
