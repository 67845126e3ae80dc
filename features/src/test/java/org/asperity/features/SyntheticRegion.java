package org.asperity.features;

import static org.asperity.time.TimeUnits.MICROS_PER_YEAR;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.asperity.time.TimeUnits;

/**
 * A small synthetic subduction region for tests: a trench along the north axis at east = 0 with
 * land to the east (trench-normal azimuth 90&deg;), a coastal line and an inland grid of stations,
 * a few asperities and a smooth, well-conditioned stand-in for Okada Green's functions (Gaussian
 * bells of landward motion and subsidence). Displacements follow the back-slip model: u = G
 * &middot; d with d the slip deficit per asperity and matrix, which drops by the coseismic slip at
 * each event, so the coseismic displacement is &minus;G<sub>asperity</sub> &middot; slip.
 */
final class SyntheticRegion {
  static final long DAY = TimeUnits.MICROS_PER_DAY;

  /** 2020-01-01T00:00:00Z: a tick boundary (multiple of one day since 1970). */
  static final long START = 18_262L * DAY;

  final RegionLayout layout;
  final double[][] deficitBasis;

  /** An event: onset epoch and coseismic slip per asperity, m. */
  record Event(long epochMicros, double[] slipMeters) {}

  /** A simulated record: arrays indexed [epoch][station] in layout order, and the true deficit. */
  record Record(
      long[] epochs,
      double[][] east,
      double[][] north,
      double[][] up,
      double[][] sigmaEast,
      double[][] sigmaNorth,
      double[][] sigmaUp,
      boolean[][] present,
      double[][] trueDeficit) {
    int epochCount() {
      return epochs.length;
    }
  }

  private SyntheticRegion(RegionLayout layout, double[][] deficitBasis) {
    this.layout = layout;
    this.deficitBasis = deficitBasis;
  }

  static SyntheticRegion create(int coastal, int inland, int asperities, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<RegionLayout.Station> stations = new ArrayList<>();
    for (int i = 0; i < coastal; i++) {
      double east = 60 + 30 * random.nextDouble();
      double north = 300.0 * (i + 0.5) / coastal;
      stations.add(
          new RegionLayout.Station(
              String.format("C%03d", i + 1), east, north, true, east, 0.002, 0.002, 0.005));
    }
    int columns = Math.max(1, (int) Math.round(Math.sqrt(inland)));
    for (int i = 0; i < inland; i++) {
      double east =
          110
              + 140.0 * (i / columns) / Math.max(1, (inland - 1) / columns)
              + 5 * random.nextDouble();
      double north = 300.0 * ((i % columns) + 0.5) / columns;
      stations.add(
          new RegionLayout.Station(
              String.format("I%03d", i + 1), east, north, false, east, 0.002, 0.002, 0.005));
    }
    List<RegionLayout.Asperity> list = new ArrayList<>();
    double[][] centres = new double[asperities + 1][];
    for (int a = 0; a < asperities; a++) {
      list.add(new RegionLayout.Asperity("A" + (a + 1), 2000 + 1000 * a));
      centres[a] = new double[] {35 + 10 * random.nextDouble(), 300.0 * (a + 0.5) / asperities, 40};
    }
    centres[asperities] = new double[] {50, 150, 160};
    int rows = 3 * stations.size();
    double[][] deficit = new double[rows][asperities + 1];
    double[][] coseismic = new double[rows][asperities];
    for (int s = 0; s < stations.size(); s++) {
      RegionLayout.Station st = stations.get(s);
      for (int k = 0; k <= asperities; k++) {
        double dx = st.eastKm() - centres[k][0];
        double dy = st.northKm() - centres[k][1];
        double width = centres[k][2];
        double bell = Math.exp(-(dx * dx + dy * dy) / (2 * width * width));
        double amplitude = k == asperities ? 0.15 : 0.6;
        deficit[3 * s][k] = amplitude * bell;
        deficit[3 * s + 1][k] = amplitude * 0.3 * bell * dy / width;
        deficit[3 * s + 2][k] = -amplitude * 0.4 * bell * dx / width;
        if (k < asperities) {
          for (int c = 0; c < 3; c++) {
            coseismic[3 * s + c][k] = -deficit[3 * s + c][k];
          }
        }
      }
    }
    RegionLayout layout =
        new RegionLayout("synthetic-" + seed, 90.0, stations, list, deficit, coseismic);
    return new SyntheticRegion(layout, deficit);
  }

  /**
   * Daily samples at noon for {@code days} days from {@link #START}: deficit grows at {@code
   * ratesMetersPerYear} (asperities then matrix) and drops by each event's slip; white noise at the
   * layout sigmas; each station-day missing with probability {@code missingProbability}.
   */
  Record simulate(
      int days,
      double[] ratesMetersPerYear,
      List<Event> events,
      long seed,
      double missingProbability) {
    SplittableRandom random = new SplittableRandom(seed);
    int stations = layout.stationCount();
    int parameters = layout.asperityCount() + 1;
    long[] epochs = new long[days];
    double[][] east = new double[days][stations];
    double[][] north = new double[days][stations];
    double[][] up = new double[days][stations];
    double[][] sigmaEast = new double[days][stations];
    double[][] sigmaNorth = new double[days][stations];
    double[][] sigmaUp = new double[days][stations];
    boolean[][] present = new boolean[days][stations];
    double[][] trueDeficit = new double[days][parameters];
    for (int d = 0; d < days; d++) {
      long epoch = START + d * DAY + DAY / 2;
      epochs[d] = epoch;
      double years = (epoch - START) / MICROS_PER_YEAR;
      double[] deficit = new double[parameters];
      for (int k = 0; k < parameters; k++) {
        deficit[k] = ratesMetersPerYear[k] * years;
      }
      for (Event e : events) {
        if (e.epochMicros() <= epoch) {
          for (int a = 0; a < parameters - 1; a++) {
            deficit[a] -= e.slipMeters()[a];
          }
        }
      }
      trueDeficit[d] = deficit;
      for (int s = 0; s < stations; s++) {
        RegionLayout.Station st = layout.stations().get(s);
        double[] u = new double[3];
        for (int c = 0; c < 3; c++) {
          for (int k = 0; k < parameters; k++) {
            u[c] += deficitBasis[3 * s + c][k] * deficit[k];
          }
        }
        east[d][s] = u[0] + st.sigmaEastMeters() * random.nextGaussian();
        north[d][s] = u[1] + st.sigmaNorthMeters() * random.nextGaussian();
        up[d][s] = u[2] + st.sigmaUpMeters() * random.nextGaussian();
        sigmaEast[d][s] = st.sigmaEastMeters();
        sigmaNorth[d][s] = st.sigmaNorthMeters();
        sigmaUp[d][s] = st.sigmaUpMeters();
        present[d][s] = random.nextDouble() >= missingProbability;
      }
    }
    return new Record(
        epochs, east, north, up, sigmaEast, sigmaNorth, sigmaUp, present, trueDeficit);
  }
}
