package org.asperity.simulator.physics;

import org.asperity.geodesy.FaultMesh;

/**
 * Quasi-static shear stress on a planar fault due to dip-slip on its patches, from the spectral
 * stiffness of a planar fault in an unbounded elastic solid: in the wavenumber domain {@code tau(k)
 * = -(mu / (2|k|)) (k_d^2 / (1 - nu) + k_s^2) slip(k)} for slip in the dip direction (in-plane
 * along dip, anti-plane along strike; the kernel of Rice 1993 and Lapusta et al. 2000). The grid is
 * zero-padded to twice its size so that the periodic transform sees an isolated fault. The free
 * surface is neglected: it softens the shallowest part of the megathrust slightly, which is
 * immaterial for asperity-averaged stresses.
 */
public final class SpectralStressKernel {
  private final int alongCount;
  private final int downCount;
  private final int paddedAlong;
  private final int paddedDown;
  private final double[] stiffness;

  public SpectralStressKernel(FaultMesh mesh, double shearModulusPa, double poissonRatio) {
    alongCount = mesh.alongStrikeCount();
    downCount = mesh.downDipCount();
    paddedAlong = Fft.nextPowerOfTwo(2 * alongCount);
    paddedDown = Fft.nextPowerOfTwo(2 * downCount);
    double dxMeters = mesh.patchLengthKm() * 1000.0;
    double dyMeters = mesh.patchWidthKm() * 1000.0;
    double muMegapascals = shearModulusPa / 1e6;
    stiffness = new double[paddedAlong * paddedDown];
    for (int i = 0; i < paddedAlong; i++) {
      double ks = wavenumber(i, paddedAlong, dxMeters);
      for (int j = 0; j < paddedDown; j++) {
        double kd = wavenumber(j, paddedDown, dyMeters);
        double k = Math.hypot(ks, kd);
        stiffness[i * paddedDown + j] =
            k == 0.0 ? 0.0 : muMegapascals / (2.0 * k) * (kd * kd / (1.0 - poissonRatio) + ks * ks);
      }
    }
  }

  private static double wavenumber(int index, int n, double spacing) {
    int signed = index <= n / 2 ? index : index - n;
    return 2.0 * Math.PI * signed / (n * spacing);
  }

  /**
   * Shear stress change (MPa, positive in the thrust sense) on every patch due to thrust slip (m)
   * on the patches; indexed like the mesh ({@code alongIndex * downCount + downIndex}).
   */
  public double[] stressFromSlip(double[] slipMeters) {
    if (slipMeters.length != alongCount * downCount) {
      throw new IllegalArgumentException("one slip value per patch expected");
    }
    double[] re = new double[paddedAlong * paddedDown];
    double[] im = new double[re.length];
    for (int i = 0; i < alongCount; i++) {
      System.arraycopy(slipMeters, i * downCount, re, i * paddedDown, downCount);
    }
    Fft.transform2d(re, im, paddedAlong, paddedDown, false);
    for (int n = 0; n < re.length; n++) {
      re[n] *= -stiffness[n];
      im[n] *= -stiffness[n];
    }
    Fft.transform2d(re, im, paddedAlong, paddedDown, true);
    double[] stress = new double[slipMeters.length];
    for (int i = 0; i < alongCount; i++) {
      System.arraycopy(re, i * paddedDown, stress, i * downCount, downCount);
    }
    return stress;
  }
}
