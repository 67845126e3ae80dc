package org.asperity.simulator.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.asperity.geodesy.FaultMesh;
import org.asperity.geodesy.FaultPatch;
import org.asperity.geodesy.FaultPlane;
import org.junit.jupiter.api.Test;

class SpectralStressKernelTest {
  /**
   * Eshelby's circular shear crack: the elliptical slip profile D0 sqrt(1 - r^2/a^2) carries a
   * uniform stress drop 7 pi mu D0 / (24 a) (nu = 1/4) inside the crack.
   */
  @Test
  void ellipticalSlipOnCircularCrackHasEshelbyUniformStressDrop() {
    FaultMesh mesh = new FaultPlane(0, 0, 0, 20, 0, 400, 200).mesh(200, 100);
    double radiusKm = 30.0;
    double shearModulus = 3e10;
    double[] slip = new double[mesh.size()];
    for (FaultPatch p : mesh.patches()) {
      double r = Math.hypot(p.alongStrikeKm() - 200, p.downDipKm() - 100) / radiusKm;
      slip[p.index()] = r < 1 ? Math.sqrt(1 - r * r) : 0.0;
    }
    double[] stress = new SpectralStressKernel(mesh, shearModulus, 0.25).stressFromSlip(slip);
    double expected = -7 * Math.PI / 24 * shearModulus / 1e6 / (radiusKm * 1000);
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int count = 0;
    for (FaultPatch p : mesh.patches()) {
      if (Math.hypot(p.alongStrikeKm() - 200, p.downDipKm() - 100) < 0.7 * radiusKm) {
        double s = stress[p.index()];
        sum += s;
        min = Math.min(min, s);
        max = Math.max(max, s);
        count++;
      }
    }
    assertEquals(expected, sum / count, 0.01 * Math.abs(expected));
    assertTrue(
        max - min < 0.03 * Math.abs(expected), "uniform inside the crack: " + min + " .. " + max);
    // outside, slip loads the surroundings (positive stress change), decaying with distance
    FaultPatch near = mesh.patch(100 + 17, 50);
    FaultPatch far = mesh.patch(100 + 40, 50);
    assertTrue(stress[near.index()] > stress[far.index()] && stress[far.index()] > 0);
  }
}
