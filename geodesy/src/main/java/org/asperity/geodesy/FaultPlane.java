package org.asperity.geodesy;

import java.util.ArrayList;
import java.util.List;

/**
 * A planar fault in the local Cartesian frame (east, north in km; depth positive down, km).
 *
 * <p>The origin is the along-strike start of the top edge. The plane dips to the right of the
 * strike direction (Aki &amp; Richards): for a megathrust the top edge is the trench and the plane
 * dips landward.
 *
 * @param originEastKm east coordinate of the top edge's along-strike start
 * @param originNorthKm north coordinate of the top edge's along-strike start
 * @param strikeDegrees strike azimuth, degrees clockwise from north
 * @param dipDegrees dip, degrees below horizontal, in (0, 90]
 * @param topDepthKm depth of the top edge (0 for a fault reaching the surface)
 * @param lengthKm extent along strike
 * @param widthKm extent down dip
 */
public record FaultPlane(
    double originEastKm,
    double originNorthKm,
    double strikeDegrees,
    double dipDegrees,
    double topDepthKm,
    double lengthKm,
    double widthKm) {

  public FaultPlane {
    if (!(dipDegrees > 0.0 && dipDegrees <= 90.0)) {
      throw new IllegalArgumentException("dip must be in (0, 90] degrees: " + dipDegrees);
    }
    if (!(lengthKm > 0.0) || !(widthKm > 0.0)) {
      throw new IllegalArgumentException(
          "length and width must be positive: " + lengthKm + ", " + widthKm);
    }
    if (!(topDepthKm >= 0.0)) {
      throw new IllegalArgumentException("top depth must be >= 0: " + topDepthKm);
    }
  }

  public double strikeRadians() {
    return Math.toRadians(strikeDegrees);
  }

  public double dipRadians() {
    return Math.toRadians(dipDegrees);
  }

  /**
   * Azimuth of the horizontal down-dip direction (strike + 90 degrees): landward, normal to the
   * trench.
   */
  public double downDipAzimuthDegrees() {
    double azimuth = (strikeDegrees + 90.0) % 360.0;
    return azimuth < 0 ? azimuth + 360.0 : azimuth;
  }

  /** East coordinate of the point at the given along-strike and down-dip distances on the plane. */
  public double eastAt(double alongStrikeKm, double downDipKm) {
    double strike = strikeRadians();
    double horizontal = downDipKm * Math.cos(dipRadians());
    return originEastKm + alongStrikeKm * Math.sin(strike) + horizontal * Math.cos(strike);
  }

  /**
   * North coordinate of the point at the given along-strike and down-dip distances on the plane.
   */
  public double northAt(double alongStrikeKm, double downDipKm) {
    double strike = strikeRadians();
    double horizontal = downDipKm * Math.cos(dipRadians());
    return originNorthKm + alongStrikeKm * Math.cos(strike) - horizontal * Math.sin(strike);
  }

  public double depthAt(double downDipKm) {
    return topDepthKm + downDipKm * Math.sin(dipRadians());
  }

  /**
   * Horizontal distance of a surface point from the top-edge line, positive on the down-dip
   * (landward) side.
   */
  public double distanceFromTopEdgeKm(double eastKm, double northKm) {
    double strike = strikeRadians();
    return (eastKm - originEastKm) * Math.cos(strike)
        - (northKm - originNorthKm) * Math.sin(strike);
  }

  /**
   * The surface point at the given along-strike position and horizontal distance landward of the
   * top edge.
   */
  public SurfacePoint surfacePoint(double alongStrikeKm, double distanceFromTopEdgeKm) {
    double strike = strikeRadians();
    return new SurfacePoint(
        originEastKm + alongStrikeKm * Math.sin(strike) + distanceFromTopEdgeKm * Math.cos(strike),
        originNorthKm
            + alongStrikeKm * Math.cos(strike)
            - distanceFromTopEdgeKm * Math.sin(strike));
  }

  /** Projection of a surface point on the strike direction, measured from the origin. */
  public double alongStrikeKm(double eastKm, double northKm) {
    double strike = strikeRadians();
    return (eastKm - originEastKm) * Math.sin(strike)
        + (northKm - originNorthKm) * Math.cos(strike);
  }

  /**
   * Divides the plane into {@code alongStrikeCount x downDipCount} equal rectangular patches,
   * indexed {@code alongStrikeIndex * downDipCount + downDipIndex}.
   */
  public FaultMesh mesh(int alongStrikeCount, int downDipCount) {
    if (alongStrikeCount < 1 || downDipCount < 1) {
      throw new IllegalArgumentException("patch counts must be >= 1");
    }
    double patchLength = lengthKm / alongStrikeCount;
    double patchWidth = widthKm / downDipCount;
    List<FaultPatch> patches = new ArrayList<>(alongStrikeCount * downDipCount);
    for (int i = 0; i < alongStrikeCount; i++) {
      for (int j = 0; j < downDipCount; j++) {
        double along = (i + 0.5) * patchLength;
        double down = (j + 0.5) * patchWidth;
        patches.add(
            new FaultPatch(
                patches.size(),
                i,
                j,
                along,
                down,
                eastAt(along, down),
                northAt(along, down),
                depthAt(down),
                patchLength,
                patchWidth,
                this));
      }
    }
    return new FaultMesh(this, alongStrikeCount, downDipCount, List.copyOf(patches));
  }

  /** Mesh with patches no larger than the given size (counts rounded up). */
  public FaultMesh meshWithPatchSize(double patchLengthKm, double patchWidthKm) {
    int along = (int) Math.ceil(lengthKm / patchLengthKm - 1e-9);
    int down = (int) Math.ceil(widthKm / patchWidthKm - 1e-9);
    return mesh(Math.max(1, along), Math.max(1, down));
  }
}
