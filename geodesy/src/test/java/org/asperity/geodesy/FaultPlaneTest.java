package org.asperity.geodesy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FaultPlaneTest {
  @Test
  void patchesTileThePlaneAndDipToTheRightOfStrike() {
    FaultPlane plane = new FaultPlane(10.0, -20.0, 90.0, 30.0, 2.0, 60.0, 20.0);
    FaultMesh mesh = plane.mesh(6, 4);
    assertEquals(24, mesh.size());
    double area = mesh.patches().stream().mapToDouble(FaultPatch::areaSquareKm).sum();
    assertEquals(1200.0, area, 1e-9);
    FaultPatch first = mesh.patch(0, 0);
    assertEquals(5.0, first.alongStrikeKm(), 1e-12);
    assertEquals(2.5, first.downDipKm(), 1e-12);
    // strike east: the plane dips to the south (right of strike)
    FaultPatch deep = mesh.patch(0, 3);
    assertEquals(-20.0 - 17.5 * Math.cos(Math.toRadians(30.0)), deep.northKm(), 1e-9);
    assertEquals(15.0, deep.eastKm(), 1e-9);
    assertEquals(2.0 + 17.5 * 0.5, deep.depthKm(), 1e-9);
    assertEquals(180.0, plane.downDipAzimuthDegrees(), 1e-12);
    assertEquals(10.0, plane.distanceFromTopEdgeKm(40.0, -30.0), 1e-12);
    assertEquals(30.0, plane.alongStrikeKm(40.0, -30.0), 1e-12);
    SurfacePoint point = plane.surfacePoint(30.0, 10.0);
    assertEquals(40.0, point.eastKm(), 1e-12);
    assertEquals(-30.0, point.northKm(), 1e-12);
  }

  @Test
  void rejectsImpossibleGeometry() {
    assertThrows(IllegalArgumentException.class, () -> new FaultPlane(0, 0, 0, 0.0, 5, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new FaultPlane(0, 0, 0, 15, -1, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new FaultPlane(0, 0, 0, 15, 5, 0, 10));
  }
}
