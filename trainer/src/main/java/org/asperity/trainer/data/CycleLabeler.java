package org.asperity.trainer.data;

import static org.asperity.time.TimeUnits.MICROS_PER_DAY;

import java.util.ArrayList;
import java.util.List;
import org.asperity.simulator.Earthquake;

/**
 * Labels forecast ticks from a region's earthquake catalog (ground truth).
 *
 * <p>The target of a row at tick T is the next event at or above the magnitude threshold: its onset
 * minus T (days, the time to failure) and its moment magnitude. A tick is a row only if
 *
 * <ul>
 *   <li>it is at least {@code warmUpMicros} after the start of the record (feature warm-up);
 *   <li>an event at or above the threshold started at or before T (the row's cycle has a known
 *       start, so "time since the last event" is defined) and another starts after T (the label
 *       exists);
 *   <li>no earthquake of any magnitude started in (T &minus; {@code exclusionMicros}, T]: the
 *       features of that window are still digesting a rupture (see the trainer's documentation of
 *       the exclusion window).
 * </ul>
 *
 * Onsets exactly at T count as past (the tick's samples include the epoch at T).
 */
public final class CycleLabeler {

  private final long[] onsets;
  private final long[] largeOnsets;
  private final double[] largeMagnitudes;
  private final long startMicros;
  private final long warmUpMicros;
  private final long exclusionMicros;

  /**
   * @param catalog the region's earthquakes, any order
   * @param magnitudeThreshold Mw at or above which an event ends a cycle
   * @param startMicros first epoch of the record
   * @param warmUpMicros ticks earlier than start + warm-up are not rows
   * @param exclusionMicros ticks with an onset in (T - exclusion, T] are not rows; 0 for none
   */
  public CycleLabeler(
      List<Earthquake> catalog,
      double magnitudeThreshold,
      long startMicros,
      long warmUpMicros,
      long exclusionMicros) {
    if (warmUpMicros < 0 || exclusionMicros < 0) {
      throw new IllegalArgumentException("warm-up and exclusion must be >= 0");
    }
    List<Earthquake> sorted = new ArrayList<>(catalog);
    sorted.sort((a, b) -> Long.compare(a.onsetEpochMicros(), b.onsetEpochMicros()));
    onsets = sorted.stream().mapToLong(Earthquake::onsetEpochMicros).toArray();
    List<Earthquake> large =
        sorted.stream().filter(e -> e.momentMagnitude() >= magnitudeThreshold).toList();
    largeOnsets = large.stream().mapToLong(Earthquake::onsetEpochMicros).toArray();
    largeMagnitudes = large.stream().mapToDouble(Earthquake::momentMagnitude).toArray();
    this.startMicros = startMicros;
    this.warmUpMicros = warmUpMicros;
    this.exclusionMicros = exclusionMicros;
  }

  /** Number of events at or above the threshold in the catalog. */
  public int largeEvents() {
    return largeOnsets.length;
  }

  /** Onset of the i-th event at or above the threshold. */
  public long largeOnsetMicros(int i) {
    return largeOnsets[i];
  }

  public RowLabel label(long tickMicros) {
    if (tickMicros - startMicros < warmUpMicros) {
      return RowLabel.dropped(RowLabel.Status.WARM_UP);
    }
    int next = firstAfter(largeOnsets, tickMicros);
    if (next == 0) {
      return RowLabel.dropped(RowLabel.Status.NO_PREVIOUS_EVENT);
    }
    if (next == largeOnsets.length) {
      return RowLabel.dropped(RowLabel.Status.NO_NEXT_EVENT);
    }
    if (exclusionMicros > 0) {
      int after = firstAfter(onsets, tickMicros);
      if (after > 0 && onsets[after - 1] > tickMicros - exclusionMicros) {
        return RowLabel.dropped(RowLabel.Status.RUPTURE_IN_WINDOW);
      }
    }
    return new RowLabel(
        RowLabel.Status.VALID,
        days(largeOnsets[next] - tickMicros),
        largeMagnitudes[next],
        next,
        days(tickMicros - largeOnsets[next - 1]));
  }

  private static double days(long micros) {
    return micros / (double) MICROS_PER_DAY;
  }

  /** Index of the first value strictly greater than {@code t} (values ascending). */
  private static int firstAfter(long[] values, long t) {
    int lo = 0;
    int hi = values.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
