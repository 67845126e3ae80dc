package org.asperity.simulator;

import java.util.ArrayList;
import java.util.List;
import org.asperity.simulator.physics.FaultModel;
import org.asperity.simulator.physics.RuptureExtent;

/**
 * Statistics of recorded earthquakes, per region and pooled.
 *
 * <ul>
 *   <li><b>Kinds</b>: <em>small</em> ruptures break no large asperity (see {@link
 *       FaultModel#isLarge}), <em>partial</em> ruptures some of the large asperities,
 *       <em>full-margin</em> ruptures all of them. Small and partial ruptures are both PARTIAL in
 *       the EarthquakeEvent schema.
 *   <li><b>Large events</b>: the partial and full-margin ruptures (Mw 7.9 and more in the presets).
 *   <li><b>Recurrence CoV</b>: coefficient of variation (standard deviation / mean) of the
 *       intervals between consecutive earthquakes of a region, pooled over regions. This is what a
 *       time-to-failure forecast of the region faces. The same for large events only.
 *   <li><b>Asperity recurrence CoV</b>: the same for the intervals between consecutive ruptures of
 *       one asperity (site recurrence, as in paleoseismology), averaged over asperities and regions
 *       weighted by their number of intervals; over all asperities or over the large ones.
 * </ul>
 *
 * A cycle is one interval between consecutive earthquakes of a region.
 */
public final class CatalogStatistics {
  private final List<List<Double>> onsets = new ArrayList<>();
  private final List<List<Double>> largeOnsets = new ArrayList<>();
  private final List<List<List<Double>>> asperityOnsets = new ArrayList<>();
  private final boolean[] largeAsperity;
  private long small;
  private long partial;
  private long fullMargin;
  private double minMagnitude = Double.POSITIVE_INFINITY;
  private double maxMagnitude = Double.NEGATIVE_INFINITY;

  public CatalogStatistics(int regions, FaultModel model) {
    int asperities = model.asperityCount();
    this.largeAsperity = new boolean[asperities];
    for (int a = 0; a < asperities; a++) {
      largeAsperity[a] = model.isLarge(a);
    }
    for (int r = 0; r < regions; r++) {
      onsets.add(new ArrayList<>());
      largeOnsets.add(new ArrayList<>());
      List<List<Double>> perAsperity = new ArrayList<>();
      for (int a = 0; a < asperities; a++) {
        perAsperity.add(new ArrayList<>());
      }
      asperityOnsets.add(perAsperity);
    }
  }

  public void add(Earthquake e) {
    onsets.get(e.region()).add(e.onsetYears());
    double[] slip = e.asperitySlipMeters();
    for (int a = 0; a < largeAsperity.length; a++) {
      if (slip[a] > 0.0) {
        asperityOnsets.get(e.region()).get(a).add(e.onsetYears());
      }
    }
    switch (e.extent()) {
      case SMALL -> small++;
      case PARTIAL -> partial++;
      case FULL_MARGIN -> fullMargin++;
    }
    if (e.extent() != RuptureExtent.SMALL) {
      largeOnsets.get(e.region()).add(e.onsetYears());
    }
    minMagnitude = Math.min(minMagnitude, e.momentMagnitude());
    maxMagnitude = Math.max(maxMagnitude, e.momentMagnitude());
  }

  public long earthquakes() {
    return small + partial + fullMargin;
  }

  public long earthquakes(int region) {
    return onsets.get(region).size();
  }

  /** Ruptures of small asperities only. */
  public long smallRuptures() {
    return small;
  }

  /** Ruptures of some, not all, of the large asperities. */
  public long partialRuptures() {
    return partial;
  }

  /** Ruptures of all the large asperities. */
  public long fullMarginRuptures() {
    return fullMargin;
  }

  /** Partial plus full-margin ruptures. */
  public long largeEvents() {
    return partial + fullMargin;
  }

  public double minMagnitude() {
    return earthquakes() == 0 ? Double.NaN : minMagnitude;
  }

  public double maxMagnitude() {
    return earthquakes() == 0 ? Double.NaN : maxMagnitude;
  }

  public long cycles() {
    long cycles = 0;
    for (List<Double> list : onsets) {
      cycles += Math.max(0, list.size() - 1);
    }
    return cycles;
  }

  /** Mean interval between consecutive earthquakes of a region (years), NaN with fewer than two. */
  public double meanRecurrenceYears() {
    return moments(onsets)[1];
  }

  /** CoV of the intervals between consecutive earthquakes of a region, pooled over regions. */
  public double recurrenceCov() {
    return cov(moments(onsets));
  }

  /**
   * Mean interval between consecutive large events of a region (years), NaN with fewer than two.
   */
  public double meanLargeEventRecurrenceYears() {
    return moments(largeOnsets)[1];
  }

  /** CoV of the intervals between consecutive large events of a region, pooled over regions. */
  public double largeEventRecurrenceCov() {
    return cov(moments(largeOnsets));
  }

  /**
   * Interval-weighted mean over asperities and regions of the CoV of each asperity's recurrence
   * intervals.
   */
  public double asperityRecurrenceCov() {
    return meanAsperityCov(false);
  }

  /** The same as {@link #asperityRecurrenceCov()} over the large asperities only. */
  public double largeAsperityRecurrenceCov() {
    return meanAsperityCov(true);
  }

  /**
   * CoV of the recurrence intervals of one asperity in one region, NaN with fewer than two
   * intervals.
   */
  public double asperityRecurrenceCov(int region, int asperity) {
    return cov(moments(List.of(asperityOnsets.get(region).get(asperity))));
  }

  private double meanAsperityCov(boolean largeOnly) {
    double sum = 0.0;
    double weight = 0.0;
    for (List<List<Double>> region : asperityOnsets) {
      for (int a = 0; a < region.size(); a++) {
        if (largeOnly && !largeAsperity[a]) {
          continue;
        }
        double[] m = moments(List.of(region.get(a)));
        if (m[0] >= 2) {
          sum += m[0] * m[2] / m[1];
          weight += m[0];
        }
      }
    }
    return weight == 0 ? Double.NaN : sum / weight;
  }

  private static double cov(double[] moments) {
    return moments[0] < 2 ? Double.NaN : moments[2] / moments[1];
  }

  /** {count, mean, standard deviation} of the consecutive intervals of each onset list, pooled. */
  private static double[] moments(List<List<Double>> lists) {
    long count = 0;
    double sum = 0.0;
    double sumSquares = 0.0;
    for (List<Double> list : lists) {
      for (int i = 1; i < list.size(); i++) {
        double interval = list.get(i) - list.get(i - 1);
        count++;
        sum += interval;
        sumSquares += interval * interval;
      }
    }
    if (count == 0) {
      return new double[] {0, Double.NaN, Double.NaN};
    }
    double mean = sum / count;
    double variance = Math.max(0.0, sumSquares / count - mean * mean);
    return new double[] {count, mean, Math.sqrt(variance)};
  }
}
