package org.asperity.geodesy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GreensFunctionsTest {
  private static final double NU = 0.25;

  /** A Chile-like megathrust: trench along north, dipping 15 degrees east under the continent. */
  private static final FaultPlane MEGATHRUST =
      new FaultPlane(0.0, -100.0, 0.0, 15.0, 5.0, 200.0, 100.0);

  /**
   * Thrust slip on a buried part of a shallow megathrust: the hanging-wall surface moves seaward
   * (west, towards the trench) everywhere, rises above the up-dip half of the rupture and subsides
   * above and landward of its down-dip end (the coastal subsidence of Tohoku 2011). Back-slip does
   * the opposite: it pulls the coast landward.
   */
  @Test
  void thrustMovesHangingWallSeawardAndBackSlipPullsCoastLandward() {
    FaultMesh mesh = MEGATHRUST.mesh(40, 20);
    double cosDip = Math.cos(MEGATHRUST.dipRadians());
    double upDipEastKm = 20.0 * cosDip;
    double downDipEastKm = 70.0 * cosDip;
    List<SurfacePoint> points =
        List.of(
            new SurfacePoint(
                upDipEastKm + 5.0, 0.0), // above the up-dip half of the rupture, offshore
            new SurfacePoint(downDipEastKm + 5.0, 0.0), // coast, just landward of the down-dip end
            new SurfacePoint(downDipEastKm + 60.0, 0.0)); // inland
    double[] u = buriedSlip(mesh, points, 1.0);
    for (int s = 0; s < points.size(); s++) {
      assertTrue(u[3 * s] < 0.0, "station " + s + " moves seaward: " + u[3 * s]);
    }
    assertTrue(u[2] > 0.1, "uplift above the up-dip half: " + u[2]);
    assertTrue(u[5] < -0.1, "subsidence at the down-dip end: " + u[5]);
    assertTrue(u[8] < 0.0 && u[8] > u[5], "subsidence decays inland: " + u[8]);
    double[] back = buriedSlip(mesh, points, -1.0);
    assertTrue(back[3] > 0.1, "back-slip pulls the coast landward: " + back[3]);
    assertTrue(back[6] > 0.0 && back[6] < back[3], "less so inland: " + back[6]);
  }

  @Test
  void uniformSlipOnSymmetricFaultGivesMirrorSymmetricDisplacements() {
    FaultMesh mesh = MEGATHRUST.mesh(20, 10);
    List<SurfacePoint> points =
        List.of(
            new SurfacePoint(70.0, 35.0),
            new SurfacePoint(70.0, -35.0),
            new SurfacePoint(150.0, 80.0),
            new SurfacePoint(150.0, -80.0));
    double[] u = uniformSlip(mesh, points, 1.0);
    for (int pair = 0; pair < 2; pair++) {
      int a = 3 * (2 * pair);
      int b = 3 * (2 * pair + 1);
      assertEquals(u[a], u[b], 1e-12, "east is symmetric");
      assertEquals(u[a + 1], -u[b + 1], 1e-12, "north is antisymmetric");
      assertEquals(u[a + 2], u[b + 2], 1e-12, "up is symmetric");
      assertTrue(Math.abs(u[a + 1]) > 1e-4, "the test would see an asymmetry");
    }
  }

  @Test
  void displacementDecaysAsInverseSquareInTheFarField() {
    FaultPlane plane = new FaultPlane(0.0, 0.0, 30.0, 20.0, 15.0, 10.0, 10.0);
    FaultMesh mesh = plane.mesh(1, 1);
    FaultPatch patch = mesh.patches().get(0);
    double azimuth = Math.toRadians(75.0);
    double[] near = new double[3];
    double[] far = new double[3];
    double r = 3000.0;
    patch.surfaceDisplacement(
        patch.eastKm() + r * Math.sin(azimuth),
        patch.northKm() + r * Math.cos(azimuth),
        0.0,
        1.0,
        0.0,
        NU,
        near);
    patch.surfaceDisplacement(
        patch.eastKm() + 2 * r * Math.sin(azimuth),
        patch.northKm() + 2 * r * Math.cos(azimuth),
        0.0,
        1.0,
        0.0,
        NU,
        far);
    double nearNorm = Math.sqrt(near[0] * near[0] + near[1] * near[1] + near[2] * near[2]);
    double farNorm = Math.sqrt(far[0] * far[0] + far[1] * far[1] + far[2] * far[2]);
    assertEquals(0.25, farNorm / nearNorm, 0.005);
  }

  @Test
  void smallRectangleTendsToThePointSource() {
    double dip = Math.toRadians(25.0);
    double depth = 12.0;
    double side = 0.01;
    double[] finite = new double[3];
    double[] point = new double[3];
    double[][] observations = {{20.0, -15.0}, {-8.0, 30.0}, {5.0, 5.0}};
    for (double[] xy : observations) {
      // reference (deep-edge corner) placed so that the small rectangle is centred on the point
      // source
      double x = xy[0] + 0.5 * side;
      double y = xy[1] + 0.5 * side * Math.cos(dip);
      double d = depth + 0.5 * side * Math.sin(dip);
      for (int slip = 0; slip < 3; slip++) {
        double[] u = new double[3];
        u[slip] = 1.0;
        Okada85.rectangularSource(x, y, d, dip, side, side, u[0], u[1], u[2], NU, finite);
        Okada85.pointSource(
            xy[0],
            xy[1],
            depth,
            dip,
            u[0] * side * side,
            u[1] * side * side,
            u[2] * side * side,
            NU,
            point);
        for (int c = 0; c < 3; c++) {
          assertEquals(
              point[c],
              finite[c],
              1e-4 * Math.abs(point[c]) + 1e-15,
              "slip " + slip + " component " + c);
        }
      }
    }
  }

  @Test
  void rotatingFaultAndStationRotatesTheDisplacement() {
    double strike = 37.0;
    FaultPlane north = new FaultPlane(0.0, 0.0, 0.0, 30.0, 4.0, 20.0, 12.0);
    FaultPlane rotated = new FaultPlane(0.0, 0.0, strike, 30.0, 4.0, 20.0, 12.0);
    FaultPatch a = north.mesh(1, 1).patches().get(0);
    FaultPatch b = rotated.mesh(1, 1).patches().get(0);
    double east = 14.0;
    double northKm = -6.0;
    double rad = Math.toRadians(strike);
    // rotate the station clockwise by the strike angle about the common origin
    double rotEast = east * Math.cos(rad) + northKm * Math.sin(rad);
    double rotNorth = -east * Math.sin(rad) + northKm * Math.cos(rad);
    double[] u = new double[3];
    double[] v = new double[3];
    a.surfaceDisplacement(east, northKm, 0.3, 1.0, 0.1, NU, u);
    b.surfaceDisplacement(rotEast, rotNorth, 0.3, 1.0, 0.1, NU, v);
    assertEquals(u[0] * Math.cos(rad) + u[1] * Math.sin(rad), v[0], 1e-12);
    assertEquals(-u[0] * Math.sin(rad) + u[1] * Math.cos(rad), v[1], 1e-12);
    assertEquals(u[2], v[2], 1e-12);
  }

  @Test
  void matrixMultiplyEqualsPatchSuperposition() {
    FaultMesh mesh = MEGATHRUST.mesh(8, 4);
    List<SurfacePoint> points =
        List.of(new SurfacePoint(60.0, 10.0), new SurfacePoint(120.0, -40.0));
    GreensFunctions g = GreensFunctions.thrust(mesh.patches(), points, NU);
    assertEquals(6, g.rowCount());
    double[] slip = new double[mesh.size()];
    for (int p = 0; p < slip.length; p++) {
      slip[p] = 0.1 * p - 1.0;
    }
    double[] out = new double[6];
    g.multiply(slip, out);
    double[] enu = new double[3];
    for (int s = 0; s < points.size(); s++) {
      double[] sum = new double[3];
      for (FaultPatch patch : mesh.patches()) {
        patch.surfaceDisplacement(
            points.get(s).eastKm(),
            points.get(s).northKm(),
            0.0,
            slip[patch.index()],
            0.0,
            NU,
            enu);
        for (int c = 0; c < 3; c++) {
          sum[c] += enu[c];
        }
      }
      for (int c = 0; c < 3; c++) {
        assertEquals(sum[c], out[3 * s + c], 1e-12);
      }
    }
  }

  private static double[] uniformSlip(
      FaultMesh mesh, List<SurfacePoint> points, double slipMeters) {
    GreensFunctions g = GreensFunctions.thrust(mesh.patches(), points, NU);
    double[] slip = new double[mesh.size()];
    java.util.Arrays.fill(slip, slipMeters);
    double[] out = new double[g.rowCount()];
    g.multiply(slip, out);
    return out;
  }

  /** Uniform slip on the patches between 20 and 70 km down dip. */
  private static double[] buriedSlip(FaultMesh mesh, List<SurfacePoint> points, double slipMeters) {
    GreensFunctions g = GreensFunctions.thrust(mesh.patches(), points, NU);
    double[] slip = new double[mesh.size()];
    for (FaultPatch patch : mesh.patches()) {
      if (patch.downDipKm() > 20.0 && patch.downDipKm() < 70.0) {
        slip[patch.index()] = slipMeters;
      }
    }
    double[] out = new double[g.rowCount()];
    g.multiply(slip, out);
    return out;
  }
}
