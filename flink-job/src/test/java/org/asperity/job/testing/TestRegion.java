package org.asperity.job.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.asperity.features.FeatureConfig;
import org.asperity.features.RegionLayout;

/**
 * A small synthetic subduction region for the job's tests: trench along north, land to the east
 * (trench-normal azimuth 90°), a coastal line and an inland row, two asperities, and smooth
 * stand-in Green's functions (Gaussian bells). Not physics: a well-conditioned layout of the right
 * shape for the feature pipeline.
 */
public final class TestRegion {
  /** Daily ticks, short windows (5 / 20 / 60 samples) so a few months exercise every feature. */
  public static final FeatureConfig CONFIG = FeatureConfig.builder().windows(5, 20, 60).build();

  private TestRegion() {}

  /** {@code coastal} stations C001.. and {@code inland} stations I001.., seeded. */
  public static RegionLayout layout(int coastal, int inland, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<RegionLayout.Station> stations = new ArrayList<>();
    for (int i = 0; i < coastal; i++) {
      double east = 70 + 10 * random.nextDouble();
      stations.add(
          new RegionLayout.Station(
              String.format("C%03d", i + 1),
              east,
              200.0 * (i + 0.5) / coastal,
              true,
              east,
              0.002,
              0.002,
              0.005));
    }
    for (int i = 0; i < inland; i++) {
      double east = 120 + 60 * random.nextDouble();
      stations.add(
          new RegionLayout.Station(
              String.format("I%03d", i + 1),
              east,
              200.0 * (i + 0.5) / inland,
              false,
              east,
              0.002,
              0.002,
              0.005));
    }
    List<RegionLayout.Asperity> asperities =
        List.of(new RegionLayout.Asperity("A1", 3000), new RegionLayout.Asperity("A2", 2000));
    double[][] centres = {{40, 50, 40}, {45, 150, 40}, {50, 100, 150}};
    int rows = 3 * stations.size();
    double[][] deficit = new double[rows][3];
    double[][] coseismic = new double[rows][2];
    for (int s = 0; s < stations.size(); s++) {
      RegionLayout.Station st = stations.get(s);
      for (int k = 0; k < 3; k++) {
        double dx = st.eastKm() - centres[k][0];
        double dy = st.northKm() - centres[k][1];
        double width = centres[k][2];
        double bell = Math.exp(-(dx * dx + dy * dy) / (2 * width * width));
        double amplitude = k == 2 ? 0.15 : 0.6;
        deficit[3 * s][k] = amplitude * bell;
        deficit[3 * s + 1][k] = amplitude * 0.3 * bell * dy / width;
        deficit[3 * s + 2][k] = -amplitude * 0.4 * bell * dx / width;
        if (k < 2) {
          for (int c = 0; c < 3; c++) {
            coseismic[3 * s + c][k] = -deficit[3 * s + c][k];
          }
        }
      }
    }
    return new RegionLayout("test", 90.0, stations, asperities, deficit, coseismic);
  }
}
