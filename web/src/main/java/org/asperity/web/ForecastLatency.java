package org.asperity.web;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * End-to-end latency as the topics show it: for each forecast, the wall-clock time from the moment
 * the first observation at or after its window end was read from {@code gnss.observations} to the
 * moment the forecast was read from {@code ttf.forecasts} (read_committed, so it includes the job's
 * checkpoint wait). Both instants are taken by the same consumer, so clocks of other machines do
 * not enter. Memory is bounded: per region a ring of the last {@link #EPOCHS_PER_REGION} new epochs
 * (a new epoch is recorded only when it is later than any seen), and the last {@link #SAMPLES}
 * latencies.
 */
final class ForecastLatency {
  static final int EPOCHS_PER_REGION = 16_384;
  static final int SAMPLES = 256;

  /** The first arrival of each new epoch of a region, in increasing epoch order. */
  private static final class Arrivals {
    final long[] epochMicros = new long[EPOCHS_PER_REGION];
    final long[] receivedMillis = new long[EPOCHS_PER_REGION];
    int size;
    int next;

    void add(long epoch, long received) {
      if (size > 0 && epoch <= epochMicros[(next + EPOCHS_PER_REGION - 1) % EPOCHS_PER_REGION]) {
        return;
      }
      epochMicros[next] = epoch;
      receivedMillis[next] = received;
      next = (next + 1) % EPOCHS_PER_REGION;
      size = Math.min(size + 1, EPOCHS_PER_REGION);
    }

    /**
     * Arrival of the first recorded epoch at or after {@code epoch}, or -1 if none (or forgotten).
     */
    long firstAtOrAfter(long epoch) {
      int first = (next + EPOCHS_PER_REGION - size) % EPOCHS_PER_REGION;
      if (size == 0 || epochMicros[first] > epoch) {
        return -1; // the window end is older than what is remembered: unknown, not zero
      }
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (epochMicros[(first + mid) % EPOCHS_PER_REGION] < epoch) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo == size ? -1 : receivedMillis[(first + lo) % EPOCHS_PER_REGION];
    }
  }

  /** p50, p95 and max of the retained latencies, milliseconds, and how many there are. */
  record Summary(int samples, double p50Millis, double p95Millis, double maxMillis) {}

  private final Map<String, Arrivals> arrivals = new HashMap<>();
  private final long[] latencies = new long[SAMPLES];
  private int latencyCount;
  private int latencyNext;

  /** An observation of {@code region} at {@code epochMicros} was read at {@code receivedMillis}. */
  void observation(String region, long epochMicros, long receivedMillis) {
    arrivals.computeIfAbsent(region, r -> new Arrivals()).add(epochMicros, receivedMillis);
  }

  /**
   * Records the latency of a forecast read at {@code receivedMillis}, when its inputs were seen.
   */
  void forecast(String region, long windowEndMicros, long receivedMillis) {
    Arrivals a = arrivals.get(region);
    long input = a == null ? -1 : a.firstAtOrAfter(windowEndMicros);
    if (input >= 0) {
      latencies[latencyNext] = Math.max(0, receivedMillis - input);
      latencyNext = (latencyNext + 1) % SAMPLES;
      latencyCount = Math.min(latencyCount + 1, SAMPLES);
    }
  }

  Summary summary() {
    if (latencyCount == 0) {
      return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] sorted = Arrays.copyOf(latencies, latencyCount);
    Arrays.sort(sorted);
    return new Summary(
        latencyCount,
        nearestRank(sorted, 0.50),
        nearestRank(sorted, 0.95),
        sorted[sorted.length - 1]);
  }

  private static double nearestRank(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
