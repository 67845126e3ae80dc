package org.asperity.simulator;

import org.asperity.geodesy.FaultPlane;

/**
 * How the megathrust that a slip-deficit inversion assumes differs from the simulated one, so that
 * the inversion is not run with the simulator's own Green's functions (an "inverse crime"): the
 * plane dips more steeply and starts deeper, it is cut into another mesh, and its asperity patterns
 * are smoother (a wider taper, as a regularised inversion recovers them).
 *
 * <p>The default offsets are those of a well-studied margin: slab models place the megathrust
 * interface with uncertainties of a few degrees in dip and about 5 km in depth at seismogenic
 * depths (Slab2, Hayes et al. 2018, Science 362:58), and coupling inversions use their own, coarser
 * meshes and smoothing (e.g. Métois et al. 2016, Pure Appl. Geophys. 173:1431).
 *
 * @param dipOffsetDegrees added to the true dip
 * @param depthOffsetKm added to the true top-edge depth
 * @param patchSizeKm the inversion's patch size
 * @param haloWidth the inversion's taper width around each asperity core (fraction of the
 *     semi-axes)
 */
public record InversionGeometry(
    double dipOffsetDegrees, double depthOffsetKm, double patchSizeKm, double haloWidth) {

  /**
   * Dip +2 degrees, top 3 km deeper, 7.5 km patches, taper a fifth wider than nature's (wider ones
   * merge the cores of A1 and the relay A2).
   */
  public static final InversionGeometry DEFAULT = new InversionGeometry(2.0, 3.0, 7.5, 0.3);

  public InversionGeometry {
    if (!(patchSizeKm > 0) || !(haloWidth > 0)) {
      throw new IllegalArgumentException("patch size and taper width must be positive");
    }
  }

  /** The simulator's own geometry: the inverse crime, for comparison only. */
  public static InversionGeometry exact(ModelDefinition definition) {
    return new InversionGeometry(
        0.0, 0.0, definition.patchSizeKm(), definition.cycle().haloWidth());
  }

  /** The model definition the inversion assumes in place of {@code truth}. */
  public ModelDefinition applyTo(ModelDefinition truth) {
    FaultPlane f = truth.fault();
    FaultPlane assumed =
        new FaultPlane(
            f.originEastKm(),
            f.originNorthKm(),
            f.strikeDegrees(),
            f.dipDegrees() + dipOffsetDegrees,
            f.topDepthKm() + depthOffsetKm,
            f.lengthKm(),
            f.widthKm());
    return new ModelDefinition(
        truth.name() + "-as-inverted",
        assumed,
        patchSizeKm,
        truth.asperities(),
        truth.cycle().withHaloWidth(haloWidth),
        truth.origin(),
        truth.network());
  }
}
