package org.asperity.geodesy;

import java.util.List;

/**
 * Surface displacement per unit thrust slip (reverse dip-slip, rake 90 degrees) on each fault patch
 * at each station: a dense matrix of {@code 3 * stations} rows by {@code patches} columns, row
 * {@code 3 * station + component} with components 0 = east, 1 = north, 2 = up (metres per metre of
 * slip). Computed once with Okada (1985).
 *
 * <p>Back-slip (slip deficit) is the same matrix with the opposite sign: a locked patch
 * accumulating deficit {@code D} displaces the surface by {@code -G D}.
 */
public final class GreensFunctions {
  public static final int EAST = 0;
  public static final int NORTH = 1;
  public static final int UP = 2;

  private final int stationCount;
  private final int patchCount;
  private final double[] rowMajor;

  private GreensFunctions(int stationCount, int patchCount, double[] rowMajor) {
    this.stationCount = stationCount;
    this.patchCount = patchCount;
    this.rowMajor = rowMajor;
  }

  /** Green's functions for unit thrust slip on every patch seen at every point. */
  public static GreensFunctions thrust(
      List<FaultPatch> patches, List<SurfacePoint> points, double poissonRatio) {
    int stations = points.size();
    int columns = patches.size();
    double[] data = new double[3 * stations * columns];
    double[] enu = new double[3];
    for (int s = 0; s < stations; s++) {
      SurfacePoint point = points.get(s);
      for (int p = 0; p < columns; p++) {
        patches
            .get(p)
            .surfaceDisplacement(point.eastKm(), point.northKm(), 0.0, 1.0, 0.0, poissonRatio, enu);
        for (int c = 0; c < 3; c++) {
          data[(3 * s + c) * columns + p] = enu[c];
        }
      }
    }
    return new GreensFunctions(stations, columns, data);
  }

  public int stationCount() {
    return stationCount;
  }

  public int patchCount() {
    return patchCount;
  }

  public int rowCount() {
    return 3 * stationCount;
  }

  /**
   * Displacement (m) of row {@code 3 * station + component} per metre of thrust slip on the patch.
   */
  public double get(int row, int patch) {
    return rowMajor[row * patchCount + patch];
  }

  /** A copy of the matrix, row-major ({@code [row * patchCount + patch]}). */
  public double[] toRowMajorArray() {
    return rowMajor.clone();
  }

  /**
   * Surface displacement of a slip distribution: {@code out = G slip}.
   *
   * @param slipMeters thrust slip per patch (negative for back-slip)
   * @param out receives {@code 3 * stations} values, row {@code 3 * station + component}
   */
  public void multiply(double[] slipMeters, double[] out) {
    if (slipMeters.length != patchCount || out.length != rowCount()) {
      throw new IllegalArgumentException("dimension mismatch");
    }
    for (int row = 0; row < out.length; row++) {
      double sum = 0.0;
      int offset = row * patchCount;
      for (int p = 0; p < patchCount; p++) {
        sum += rowMajor[offset + p] * slipMeters[p];
      }
      out[row] = sum;
    }
  }
}
