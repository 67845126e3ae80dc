package org.asperity.geodesy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LocalProjectionTest {
  private static final GeodeticPoint ORIGIN = new GeodeticPoint(-36.0, -74.2);

  @Test
  void distancesAndAzimuthsFromOriginMatchTheGeodesic() {
    LocalProjection projection = new LocalProjection(ORIGIN);
    double worstFarM = 0.0;
    double worstNearM = 0.0;
    for (int az = 0; az < 360; az += 15) {
      for (double distanceKm : new double[] {10.0, 100.0, 300.0, 500.0}) {
        double a = Math.toRadians(az);
        SurfacePoint local = new SurfacePoint(distanceKm * Math.sin(a), distanceKm * Math.cos(a));
        GeodeticPoint point = projection.toGeodetic(local);
        double[] geodesic = Vincenty.inverse(ORIGIN, point);
        double errorM = Math.abs(geodesic[0] - distanceKm * 1000.0);
        double lateralM =
            Math.abs(angleDifference(geodesic[1], az)) * Math.PI / 180.0 * distanceKm * 1000.0;
        double worst = Math.max(errorM, lateralM);
        if (distanceKm <= 100.0) {
          worstNearM = Math.max(worstNearM, worst);
        }
        worstFarM = Math.max(worstFarM, worst);
      }
    }
    assertTrue(worstNearM < 0.1, "within 100 km: " + worstNearM + " m");
    assertTrue(worstFarM < 10.0, "within 500 km: " + worstFarM + " m");
  }

  @Test
  void roundTripIsExact() {
    LocalProjection projection = new LocalProjection(ORIGIN);
    for (double east = -400; east <= 400; east += 80) {
      for (double north = -400; north <= 400; north += 80) {
        SurfacePoint back =
            projection.toLocal(projection.toGeodetic(new SurfacePoint(east, north)));
        assertEquals(east, back.eastKm(), 1e-6);
        assertEquals(north, back.northKm(), 1e-6);
      }
    }
    SurfacePoint origin = projection.toLocal(ORIGIN);
    assertEquals(0.0, origin.eastKm(), 1e-12);
    assertEquals(0.0, origin.northKm(), 1e-12);
  }

  @Test
  void oneDegreeOfLatitudeHasTheMeridianArcLength() {
    LocalProjection projection = new LocalProjection(new GeodeticPoint(0.0, 0.0));
    SurfacePoint point = projection.toLocal(new GeodeticPoint(1.0, 0.0));
    assertEquals(110.574, point.northKm(), 0.002); // WGS84 meridian arc from 0 to 1 degree
    assertEquals(0.0, point.eastKm(), 1e-9);
  }

  private static double angleDifference(double a, double b) {
    double d = (a - b) % 360.0;
    if (d > 180.0) {
      d -= 360.0;
    } else if (d < -180.0) {
      d += 360.0;
    }
    return d;
  }

  /** Vincenty's (1975) inverse solution on WGS84, as an independent reference. */
  static final class Vincenty {
    private static final double A = 6378137.0;
    private static final double F = 1.0 / 298.257223563;
    private static final double B = A * (1.0 - F);

    /** {distance m, initial azimuth degrees}. */
    static double[] inverse(GeodeticPoint from, GeodeticPoint to) {
      double u1 = Math.atan((1 - F) * Math.tan(Math.toRadians(from.latitudeDegrees())));
      double u2 = Math.atan((1 - F) * Math.tan(Math.toRadians(to.latitudeDegrees())));
      double l = Math.toRadians(to.longitudeDegrees() - from.longitudeDegrees());
      double sinU1 = Math.sin(u1);
      double cosU1 = Math.cos(u1);
      double sinU2 = Math.sin(u2);
      double cosU2 = Math.cos(u2);
      double lambda = l;
      double sinSigma = 0;
      double cosSigma = 0;
      double sigma = 0;
      double cosSqAlpha = 0;
      double cos2SigmaM = 0;
      for (int i = 0; i < 200; i++) {
        double sinLambda = Math.sin(lambda);
        double cosLambda = Math.cos(lambda);
        sinSigma =
            Math.sqrt(
                Math.pow(cosU2 * sinLambda, 2)
                    + Math.pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2));
        cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
        sigma = Math.atan2(sinSigma, cosSigma);
        double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
        cosSqAlpha = 1 - sinAlpha * sinAlpha;
        cos2SigmaM = cosSqAlpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha;
        double c = F / 16 * cosSqAlpha * (4 + F * (4 - 3 * cosSqAlpha));
        double previous = lambda;
        lambda =
            l
                + (1 - c)
                    * F
                    * sinAlpha
                    * (sigma
                        + c
                            * sinSigma
                            * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        if (Math.abs(lambda - previous) < 1e-13) {
          break;
        }
      }
      double uSq = cosSqAlpha * (A * A - B * B) / (B * B);
      double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
      double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
      double deltaSigma =
          bigB
              * sinSigma
              * (cos2SigmaM
                  + bigB
                      / 4
                      * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                          - bigB
                              / 6
                              * cos2SigmaM
                              * (-3 + 4 * sinSigma * sinSigma)
                              * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
      double distance = B * bigA * (sigma - deltaSigma);
      double azimuth =
          Math.toDegrees(
              Math.atan2(
                  cosU2 * Math.sin(lambda), cosU1 * sinU2 - sinU1 * cosU2 * Math.cos(lambda)));
      return new double[] {distance, (azimuth + 360.0) % 360.0};
    }
  }
}
