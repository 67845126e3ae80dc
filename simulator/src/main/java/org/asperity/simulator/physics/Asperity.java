package org.asperity.simulator.physics;

import org.asperity.geodesy.FaultMesh;
import org.asperity.geodesy.FaultPatch;

/**
 * An asperity placed on a fault mesh: its coupling pattern per patch, 1 in the locked elliptical
 * core and tapering (cos^2) to 0 across a partially coupled halo. The slip deficit of the asperity
 * is one amplitude times this pattern, and so is its coseismic slip: ruptures taper at their edges.
 */
public final class Asperity {
  private final int index;
  private final AsperitySpec spec;
  private final double[] pattern;
  private double potencySquareMeters;

  Asperity(int index, AsperitySpec spec, FaultMesh mesh, double haloWidth) {
    this.index = index;
    this.spec = spec;
    this.pattern = new double[mesh.size()];
    double potency = 0.0;
    double peak = 0.0;
    for (FaultPatch patch : mesh.patches()) {
      double da =
          (patch.alongStrikeKm() - spec.centerAlongStrikeKm()) / spec.semiAxisAlongStrikeKm();
      double dd = (patch.downDipKm() - spec.centerDownDipKm()) / spec.semiAxisDownDipKm();
      double rho = Math.sqrt(da * da + dd * dd);
      double value;
      if (rho <= 1.0) {
        value = 1.0;
      } else if (rho < 1.0 + haloWidth) {
        double c = Math.cos(0.5 * Math.PI * (rho - 1.0) / haloWidth);
        value = c * c;
      } else {
        value = 0.0;
      }
      pattern[patch.index()] = value;
      potency += value * patch.areaSquareMeters();
      peak = Math.max(peak, value);
    }
    if (peak < 0.5) {
      throw new IllegalArgumentException(
          "asperity "
              + spec.name()
              + " is smaller than the fault mesh resolution ("
              + mesh.patchLengthKm()
              + " x "
              + mesh.patchWidthKm()
              + " km patches)");
    }
    this.potencySquareMeters = potency;
  }

  /** Shares a patch where halos overlap: the pattern there is divided by the summed coupling. */
  void shareOverlap(int patchIndex, double totalCoupling, double areaSquareMeters) {
    double before = pattern[patchIndex];
    pattern[patchIndex] = before / totalCoupling;
    potencySquareMeters -= (before - pattern[patchIndex]) * areaSquareMeters;
  }

  public int index() {
    return index;
  }

  public String name() {
    return spec.name();
  }

  public AsperitySpec spec() {
    return spec;
  }

  /** Coupling pattern value (0..1) on a patch. */
  public double pattern(int patchIndex) {
    return pattern[patchIndex];
  }

  /** Indices of the patches where the pattern is non-zero (core and halo), ascending. */
  public int[] patchIndices() {
    return java.util.stream.IntStream.range(0, pattern.length)
        .filter(p -> pattern[p] > 0.0)
        .toArray();
  }

  /** A copy of the coupling pattern, one value per patch. */
  public double[] patternCopy() {
    return pattern.clone();
  }

  /** Sum over patches of area times pattern: seismic potency (m^3) per metre of slip amplitude. */
  public double potencySquareMeters() {
    return potencySquareMeters;
  }
}
