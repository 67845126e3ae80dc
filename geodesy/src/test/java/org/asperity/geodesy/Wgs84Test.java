package org.asperity.geodesy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Wgs84Test {

  /**
   * Published pairs of ECEF and geodetic reference positions: SOPAC's header of the Usuda (USUD)
   * series and UNAVCO's PBO header of Gibson Ridge (P156), both on the WGS84 ellipsoid.
   */
  @Test
  void convertsPublishedReferencePositionsBothWays() {
    check(-3855263.06326, 3427432.49231, 3741020.30795, 36.1331104696, 138.3620443420, 1508.60980);
    check(
        -2728552.76567,
        -4059578.57836,
        4080378.74254,
        40.0244429509,
        236.0938828649 - 360,
        488.99986);
  }

  private static void check(double x, double y, double z, double lat, double lon, double h) {
    Wgs84.Geodetic g = Wgs84.toGeodetic(x, y, z);
    // 1e-9 degree is 0.1 mm on the ground; the headers print 10 decimals and 0.01 mm heights.
    assertEquals(lat, g.latitudeDegrees(), 2e-9);
    assertEquals(lon, g.longitudeDegrees(), 2e-9);
    assertEquals(h, g.heightMeters(), 5e-4);
    double[] xyz = Wgs84.toEcef(new Wgs84.Geodetic(lat, lon, h));
    assertEquals(x, xyz[0], 5e-4);
    assertEquals(y, xyz[1], 5e-4);
    assertEquals(z, xyz[2], 5e-4);
  }

  @Test
  void polesAndEquatorAreExact() {
    double b = Wgs84.SEMI_MAJOR_AXIS_M * (1 - Wgs84.FLATTENING);
    assertEquals(90.0, Wgs84.toGeodetic(0, 0, b + 10).latitudeDegrees(), 1e-12);
    assertEquals(10.0, Wgs84.toGeodetic(0, 0, b + 10).heightMeters(), 1e-6);
    Wgs84.Geodetic equator = Wgs84.toGeodetic(Wgs84.SEMI_MAJOR_AXIS_M, 0, 0);
    assertEquals(0.0, equator.latitudeDegrees(), 1e-12);
    assertEquals(0.0, equator.heightMeters(), 1e-6);
  }

  @Test
  void enuRotationTakesAStepNorthToNorthAndBack() {
    Wgs84.Geodetic origin = new Wgs84.Geodetic(36.1331104696, 138.3620443420, 1508.6);
    double[] a = Wgs84.toEcef(origin);
    double[] b =
        Wgs84.toEcef(
            new Wgs84.Geodetic(origin.latitudeDegrees() + 1e-5, origin.longitudeDegrees(), 1508.6));
    double[][] r = Wgs84.enuRotation(origin.latitudeDegrees(), origin.longitudeDegrees());
    double[] enu = Wgs84.rotate(r, new double[] {b[0] - a[0], b[1] - a[1], b[2] - a[2]});
    assertEquals(0.0, enu[0], 1e-6);
    assertEquals(1.1096, enu[1], 1e-3); // 1e-5 degree of latitude at 36 N is 1.1096 m
    assertEquals(0.0, enu[2], 1e-3);
    double[] back = Wgs84.rotateBack(r, enu);
    assertEquals(b[0] - a[0], back[0], 1e-9);
    // A covariance that is isotropic in ECEF stays isotropic in ENU.
    double[][] c = Wgs84.rotateCovariance(r, new double[][] {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}});
    assertEquals(4.0, c[0][0], 1e-12);
    assertEquals(4.0, c[2][2], 1e-12);
    assertEquals(0.0, c[0][1], 1e-12);
  }
}
