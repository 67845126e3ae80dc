package org.asperity.geodesy;

/**
 * One rectangular element of a {@link FaultPlane}; its centre is given on the plane (along strike,
 * down dip) and in the local frame (east, north, depth), all in km.
 */
public record FaultPatch(
    int index,
    int alongStrikeIndex,
    int downDipIndex,
    double alongStrikeKm,
    double downDipKm,
    double eastKm,
    double northKm,
    double depthKm,
    double lengthKm,
    double widthKm,
    FaultPlane plane) {

  public double areaSquareKm() {
    return lengthKm * widthKm;
  }

  public double areaSquareMeters() {
    return lengthKm * widthKm * 1e6;
  }

  /**
   * Surface displacement (east, north, up; unit of the slip) at a surface point due to uniform slip
   * on this patch: Okada (1985) with the patch's deep along-strike-start corner as Okada's
   * reference point.
   *
   * @param strikeSlip slip along strike (left-lateral positive), e.g. metres
   * @param dipSlip slip up dip of the hanging wall (reverse/thrust positive)
   * @param opening tensile opening
   * @param enu receives {east, north, up}
   */
  public void surfaceDisplacement(
      double eastKm,
      double northKm,
      double strikeSlip,
      double dipSlip,
      double opening,
      double poissonRatio,
      double[] enu) {
    double strike = plane.strikeRadians();
    double sinStrike = Math.sin(strike);
    double cosStrike = Math.cos(strike);
    double deepEdge = downDipKm + 0.5 * widthKm;
    double refAlong = alongStrikeKm - 0.5 * lengthKm;
    double dEast = eastKm - plane.eastAt(refAlong, deepEdge);
    double dNorth = northKm - plane.northAt(refAlong, deepEdge);
    double x = dEast * sinStrike + dNorth * cosStrike;
    double y = -dEast * cosStrike + dNorth * sinStrike;
    double[] u = new double[3];
    Okada85.rectangularSource(
        x,
        y,
        plane.depthAt(deepEdge),
        plane.dipRadians(),
        lengthKm,
        widthKm,
        strikeSlip,
        dipSlip,
        opening,
        poissonRatio,
        u);
    enu[0] = u[0] * sinStrike - u[1] * cosStrike;
    enu[1] = u[0] * cosStrike + u[1] * sinStrike;
    enu[2] = u[2];
  }
}
