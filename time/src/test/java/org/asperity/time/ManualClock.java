package org.asperity.time;

import java.util.ArrayList;
import java.util.List;

/**
 * A wall clock for tests that moves only when the code under test waits on it, and records every
 * wait: pacing tests are exact, not timed. Shared with other modules' tests through the test-jar.
 */
public final class ManualClock implements WallClock {
  /** The current reading, in nanoseconds. */
  public long now;

  /** Every wait asked for, in order. */
  public final List<Long> parks = new ArrayList<>();

  /** Runs at every wait, after the clock moved: lets a test act "during" a wait. */
  public Runnable onPark = () -> {};

  public ManualClock() {
    this(0L);
  }

  public ManualClock(long startNanos) {
    now = startNanos;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void parkNanos(long nanos) {
    parks.add(nanos);
    now += nanos;
    onPark.run();
  }
}
