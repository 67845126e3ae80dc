package org.asperity.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Statistics of recorded earthquakes, per region and pooled.
 *
 * <ul>
 *   <li><b>Recurrence CoV</b>: coefficient of variation (standard deviation / mean) of the intervals
 *       between consecutive earthquakes of a region, pooled over regions. This is what a
 *       time-to-failure forecast of the region faces.</li>
 *   <li><b>Asperity recurrence CoV</b>: the same for the intervals between consecutive ruptures of one
 *       asperity (site recurrence, as in paleoseismology), averaged over asperities and regions
 *       weighted by their number of intervals.</li>
 * </ul>
 * A cycle is one interval between consecutive earthquakes of a region.
 */
public final class CatalogStatistics {
  private final List<List<Double>> onsets = new ArrayList<>();
  private final List<List<List<Double>>> asperityOnsets = new ArrayList<>();
  private final int asperities;
  private long partial;
  private long fullMargin;
  private double minMagnitude = Double.POSITIVE_INFINITY;
  private double maxMagnitude = Double.NEGATIVE_INFINITY;

  public CatalogStatistics(int regions, int asperities) {
    this.asperities = asperities;
    for (int r = 0; r < regions; r++) {
      onsets.add(new ArrayList<>());
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
    for (int a = 0; a < asperities; a++) {
      if (slip[a] > 0.0) {
        asperityOnsets.get(e.region()).get(a).add(e.onsetYears());
      }
    }
    if (e.fullMargin()) {
      fullMargin++;
    } else {
      partial++;
    }
    minMagnitude = Math.min(minMagnitude, e.momentMagnitude());
    maxMagnitude = Math.max(maxMagnitude, e.momentMagnitude());
  }

  public long earthquakes() {
    return partial + fullMargin;
  }

  public long earthquakes(int region) {
    return onsets.get(region).size();
  }

  public long partialRuptures() {
    return partial;
  }

  public long fullMarginRuptures() {
    return fullMargin;
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
    double[] m = moments(onsets);
    return m[0] < 2 ? Double.NaN : m[2] / m[1];
  }

  /** Interval-weighted mean over asperities and regions of the CoV of each asperity's recurrence intervals. */
  public double asperityRecurrenceCov() {
    double sum = 0.0;
    double weight = 0.0;
    for (List<List<Double>> region : asperityOnsets) {
      for (List<Double> list : region) {
        double[] m = moments(List.of(list));
        if (m[0] >= 2) {
          sum += m[0] * m[2] / m[1];
          weight += m[0];
        }
      }
    }
    return weight == 0 ? Double.NaN : sum / weight;
  }

  /** CoV of the recurrence intervals of one asperity in one region, NaN with fewer than two intervals. */
  public double asperityRecurrenceCov(int region, int asperity) {
    double[] m = moments(List.of(asperityOnsets.get(region).get(asperity)));
    return m[0] < 2 ? Double.NaN : m[2] / m[1];
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
