package org.asperity.web;

import org.asperity.time.TimeUnits;

/**
 * Events per second over the last few whole seconds of wall-clock time, in constant memory (one
 * counter per second of the window). Not thread-safe; {@link LiveModel} guards it.
 */
final class RateMeter {
  private final int windowSeconds;
  private final long[] counts;
  private final long[] secondOfBucket;
  private final long startSecond;

  RateMeter(int windowSeconds, long nowMillis) {
    this.windowSeconds = windowSeconds;
    this.counts = new long[windowSeconds + 1];
    this.secondOfBucket = new long[windowSeconds + 1];
    this.startSecond = Math.floorDiv(nowMillis, TimeUnits.MILLIS_PER_SECOND);
    java.util.Arrays.fill(secondOfBucket, Long.MIN_VALUE);
  }

  void add(long nowMillis, long count) {
    long second = Math.floorDiv(nowMillis, TimeUnits.MILLIS_PER_SECOND);
    int bucket = (int) Math.floorMod(second, (long) counts.length);
    if (secondOfBucket[bucket] != second) {
      secondOfBucket[bucket] = second;
      counts[bucket] = 0;
    }
    counts[bucket] += count;
  }

  /**
   * Mean rate over the complete seconds of the window before {@code nowMillis} (fewer right after
   * start); NaN before the first complete second.
   */
  double perSecond(long nowMillis) {
    long now = Math.floorDiv(nowMillis, TimeUnits.MILLIS_PER_SECOND);
    long seconds = Math.min(windowSeconds, now - startSecond);
    if (seconds <= 0) {
      return Double.NaN;
    }
    long sum = 0;
    for (long s = now - seconds; s < now; s++) {
      int bucket = (int) Math.floorMod(s, (long) counts.length);
      if (secondOfBucket[bucket] == s) {
        sum += counts[bucket];
      }
    }
    return sum / (double) seconds;
  }
}
