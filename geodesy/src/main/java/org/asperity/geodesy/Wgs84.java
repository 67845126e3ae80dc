package org.asperity.geodesy;

/**
 * Earth-centred Earth-fixed (ECEF) coordinates on the WGS84 ellipsoid (NIMA TR8350.2, 3rd ed.,
 * 2000: a = 6378137 m, 1/f = 298.257223563): geodetic latitude, longitude and ellipsoidal height to
 * and from X, Y, Z, and the rotation of an ECEF vector or covariance into the local east, north, up
 * frame at a point (Hofmann-Wellenhof, Lichtenegger and Wasle 2008, GNSS, section 10.2.3).
 */
public final class Wgs84 {
  public static final double SEMI_MAJOR_AXIS_M = 6378137.0;
  public static final double FLATTENING = 1.0 / 298.257223563;
  private static final double E2 = FLATTENING * (2.0 - FLATTENING);

  /** A geodetic position: latitude and longitude in degrees, height above the ellipsoid. */
  public record Geodetic(double latitudeDegrees, double longitudeDegrees, double heightMeters) {}

  private Wgs84() {}

  /** X, Y, Z in metres of a geodetic position. */
  public static double[] toEcef(Geodetic p) {
    double lat = Math.toRadians(p.latitudeDegrees());
    double lon = Math.toRadians(p.longitudeDegrees());
    double sinLat = Math.sin(lat);
    double n = SEMI_MAJOR_AXIS_M / Math.sqrt(1.0 - E2 * sinLat * sinLat);
    double r = (n + p.heightMeters()) * Math.cos(lat);
    return new double[] {
      r * Math.cos(lon), r * Math.sin(lon), (n * (1.0 - E2) + p.heightMeters()) * sinLat
    };
  }

  /**
   * Geodetic position of an ECEF point: iteration on latitude from Bowring's start, converged to
   * 1e-14 rad (well under a micrometre) in a few steps for points near the Earth's surface.
   */
  public static Geodetic toGeodetic(double x, double y, double z) {
    double lon = Math.atan2(y, x);
    double p = Math.hypot(x, y);
    double lat = Math.atan2(z, p * (1.0 - E2));
    double height = 0.0;
    for (int i = 0; i < 20; i++) {
      double sinLat = Math.sin(lat);
      double n = SEMI_MAJOR_AXIS_M / Math.sqrt(1.0 - E2 * sinLat * sinLat);
      double cosLat = Math.cos(lat);
      height =
          Math.abs(cosLat) > 1e-10 ? p / cosLat - n : Math.abs(z) / Math.abs(sinLat) - n * (1 - E2);
      double next = Math.atan2(z, p * (1.0 - E2 * n / (n + height)));
      boolean done = Math.abs(next - lat) < 1e-14;
      lat = next;
      if (done) {
        break;
      }
    }
    return new Geodetic(Math.toDegrees(lat), Math.toDegrees(lon), height);
  }

  /**
   * The rows of the ECEF-to-ENU rotation at a point: east, north and up unit vectors in ECEF.
   * {@code enu = R * dxyz}.
   */
  public static double[][] enuRotation(double latitudeDegrees, double longitudeDegrees) {
    double lat = Math.toRadians(latitudeDegrees);
    double lon = Math.toRadians(longitudeDegrees);
    double sLat = Math.sin(lat);
    double cLat = Math.cos(lat);
    double sLon = Math.sin(lon);
    double cLon = Math.cos(lon);
    return new double[][] {
      {-sLon, cLon, 0.0},
      {-sLat * cLon, -sLat * sLon, cLat},
      {cLat * cLon, cLat * sLon, sLat}
    };
  }

  /** {@code R * v}. */
  public static double[] rotate(double[][] r, double[] v) {
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      out[i] = r[i][0] * v[0] + r[i][1] * v[1] + r[i][2] * v[2];
    }
    return out;
  }

  /** {@code R^T * v}: an ENU vector back to ECEF. */
  public static double[] rotateBack(double[][] r, double[] v) {
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      out[i] = r[0][i] * v[0] + r[1][i] * v[1] + r[2][i] * v[2];
    }
    return out;
  }

  /** {@code R * C * R^T} for a symmetric 3x3 covariance {@code c} (ECEF to ENU). */
  public static double[][] rotateCovariance(double[][] r, double[][] c) {
    double[][] rc = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        rc[i][j] = r[i][0] * c[0][j] + r[i][1] * c[1][j] + r[i][2] * c[2][j];
      }
    }
    double[][] out = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        out[i][j] = rc[i][0] * r[j][0] + rc[i][1] * r[j][1] + rc[i][2] * r[j][2];
      }
    }
    return out;
  }
}
