package org.asperity.geodesy;

/**
 * Surface displacement of a dislocation in a homogeneous elastic half-space, after Okada (1985),
 * "Surface deformation due to shear and tensile faults in a half-space", BSSA 75(4), 1135-1154.
 *
 * <p>Okada's frame: x along strike, y horizontal perpendicular to strike, z up; the fault dips
 * towards -y (to the right of strike, Aki &amp; Richards). The finite rectangle spans {@code 0 <=
 * xi <= L} along strike and {@code 0 <= eta <= W} up dip from its reference point, which sits on
 * the <em>deep</em> edge at depth {@code d}. Slip components are those of the hanging wall relative
 * to the foot wall: U1 strike-slip (left-lateral positive), U2 dip-slip (reverse positive), U3
 * tensile opening. Lengths may be in any unit (all the same); displacements come out in the unit of
 * the slip.
 *
 * <p>Only surface displacements are computed (no derivatives): GNSS observes positions.
 */
public final class Okada85 {
  private static final double TWO_PI = 2.0 * Math.PI;

  /**
   * Below this |cos(dip)| the vertical-fault forms of eq. 29 are used (dip within ~0.2 microradian
   * of 90 deg).
   */
  private static final double COS_DIP_ZERO = 1e-7;

  /** Relative size under which a coordinate is treated as exactly zero for the singular cases. */
  private static final double RELATIVE_EPSILON = 1e-12;

  private Okada85() {}

  /**
   * Displacement at the free surface due to uniform slip on a finite rectangular fault (Okada 1985,
   * eqs. 25-30, with the singular-case rules stated after eq. 30).
   *
   * @param x observation point along strike from the reference point
   * @param y observation point perpendicular to strike (positive on the side the fault rises
   *     towards)
   * @param depth depth {@code d} of the fault's deep edge (positive down)
   * @param dipRadians dip angle delta; Okada's -90..90 range (negative dips allowed)
   * @param length fault length L along strike
   * @param width fault width W along dip
   * @param strikeSlip U1
   * @param dipSlip U2 (reverse positive)
   * @param opening U3
   * @param poissonRatio Poisson's ratio nu of the half-space (mu/(lambda+mu) = 1 - 2 nu)
   * @param out receives {ux, uy, uz} in Okada's frame
   */
  public static void rectangularSource(
      double x,
      double y,
      double depth,
      double dipRadians,
      double length,
      double width,
      double strikeSlip,
      double dipSlip,
      double opening,
      double poissonRatio,
      double[] out) {
    Dip dip = Dip.of(dipRadians);
    double alpha = 1.0 - 2.0 * poissonRatio; // mu / (lambda + mu)
    double p = y * dip.cos + depth * dip.sin; // eq. 30
    double q = y * dip.sin - depth * dip.cos;
    double scale = Math.abs(x) + Math.abs(y) + Math.abs(depth) + length + width;
    double epsilon = RELATIVE_EPSILON * scale;
    if (Math.abs(q) < epsilon) {
      q = 0.0;
    }
    double[] sum = new double[9];
    double[] term = new double[9];
    // Chinnery's notation: f(x,p) - f(x,p-W) - f(x-L,p) + f(x-L,p-W)
    corner(x, p, q, dip, alpha, epsilon, term);
    accumulate(sum, term, 1.0);
    corner(x, p - width, q, dip, alpha, epsilon, term);
    accumulate(sum, term, -1.0);
    corner(x - length, p, q, dip, alpha, epsilon, term);
    accumulate(sum, term, -1.0);
    corner(x - length, p - width, q, dip, alpha, epsilon, term);
    accumulate(sum, term, 1.0);
    out[0] = (-strikeSlip * sum[0] - dipSlip * sum[3] + opening * sum[6]) / TWO_PI;
    out[1] = (-strikeSlip * sum[1] - dipSlip * sum[4] + opening * sum[7]) / TWO_PI;
    out[2] = (-strikeSlip * sum[2] - dipSlip * sum[5] + opening * sum[8]) / TWO_PI;
  }

  /**
   * Displacement at the free surface due to a point source (Okada 1985, the point-source surface
   * displacements of section 3 with the I-zero terms of eq. 9). The source sits at (0, 0, -depth);
   * {@code potency} is slip times area (the moment divided by the shear modulus).
   */
  public static void pointSource(
      double x,
      double y,
      double depth,
      double dipRadians,
      double strikePotency,
      double dipPotency,
      double openingPotency,
      double poissonRatio,
      double[] out) {
    Dip dip = Dip.of(dipRadians);
    double alpha = 1.0 - 2.0 * poissonRatio;
    double d = depth;
    double p = y * dip.cos + d * dip.sin;
    double q = y * dip.sin - d * dip.cos;
    double r2 = x * x + y * y + d * d;
    double r = Math.sqrt(r2);
    double r3 = r2 * r;
    double r5 = r3 * r2;
    double rd = r + d;
    double i1 = alpha * y * (1.0 / (r * rd * rd) - x * x * (3.0 * r + d) / (r3 * rd * rd * rd));
    double i2 = alpha * x * (1.0 / (r * rd * rd) - y * y * (3.0 * r + d) / (r3 * rd * rd * rd));
    double i3 = alpha * x / r3 - i2;
    double i4 = alpha * (-x * y * (2.0 * r + d) / (r3 * rd * rd));
    double i5 = alpha * (1.0 / (r * rd) - x * x * (2.0 * r + d) / (r3 * rd * rd));
    double sd = dip.sin;
    double cd = dip.cos;
    double ss = -strikePotency / TWO_PI;
    double ds = -dipPotency / TWO_PI;
    double ts = openingPotency / TWO_PI;
    out[0] =
        ss * (3.0 * x * x * q / r5 + i1 * sd)
            + ds * (3.0 * x * p * q / r5 - i3 * sd * cd)
            + ts * (3.0 * x * q * q / r5 - i3 * sd * sd);
    out[1] =
        ss * (3.0 * x * y * q / r5 + i2 * sd)
            + ds * (3.0 * y * p * q / r5 - i1 * sd * cd)
            + ts * (3.0 * y * q * q / r5 - i1 * sd * sd);
    out[2] =
        ss * (3.0 * x * d * q / r5 + i4 * sd)
            + ds * (3.0 * d * p * q / r5 - i5 * sd * cd)
            + ts * (3.0 * d * q * q / r5 - i5 * sd * sd);
  }

  private static void accumulate(double[] sum, double[] term, double sign) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += sign * term[i];
    }
  }

  /**
   * The bracketed terms of eqs. 25-27 at one corner (xi, eta), without the -U/2pi factors: {ss_x,
   * ss_y, ss_z, ds_x, ds_y, ds_z, tf_x, tf_y, tf_z}.
   */
  private static void corner(
      double xi, double eta, double q, Dip dip, double alpha, double epsilon, double[] out) {
    if (Math.abs(xi) < epsilon) {
      xi = 0.0;
    }
    if (Math.abs(eta) < epsilon) {
      eta = 0.0;
    }
    double sd = dip.sin;
    double cd = dip.cos;
    double r = Math.sqrt(xi * xi + eta * eta + q * q);
    double yTilde = eta * cd + q * sd;
    double dTilde = eta * sd - q * cd;
    double x = Math.sqrt(xi * xi + q * q);

    // Singular case (iii): R + eta = 0 happens for sin(dip) < 0 with xi = q = 0. Terms with R + eta
    // in
    // the denominator vanish and ln(R + eta) becomes -ln(R - eta).
    boolean rEtaZero = r + eta < epsilon;
    double lnREta = rEtaZero ? -Math.log(r - eta) : Math.log(r + eta);
    double invREta = rEtaZero ? 0.0 : 1.0 / (r + eta);
    double invRREta = rEtaZero ? 0.0 : 1.0 / (r * (r + eta));
    double invRRXi = r + xi < epsilon ? 0.0 : 1.0 / (r * (r + xi));
    // Singular case (i): q = 0 sets tan^-1(xi eta / (q R)) to zero.
    double theta = q == 0.0 ? 0.0 : Math.atan(xi * eta / (q * r));

    double i1;
    double i2;
    double i3;
    double i4;
    double i5;
    double rdt = r + dTilde;
    if (dip.vertical) {
      // eq. 29
      i1 = -0.5 * alpha * xi * q / (rdt * rdt);
      i3 = 0.5 * alpha * (eta / rdt + yTilde * q / (rdt * rdt) - lnREta);
      i4 = -alpha * q / rdt;
      i5 = -alpha * xi * sd / rdt;
    } else {
      // eq. 28; singular case (ii): xi = 0 sets I5 to zero.
      i5 =
          xi == 0.0
              ? 0.0
              : alpha
                  * 2.0
                  / cd
                  * Math.atan((eta * (x + q * cd) + x * (r + x) * sd) / (xi * (r + x) * cd));
      i4 = alpha / cd * (Math.log(rdt) - sd * lnREta);
      i3 = alpha * (yTilde / (rdt * cd) - lnREta) + sd / cd * i4;
      i1 = alpha * (-xi / (rdt * cd)) - sd / cd * i5;
    }
    i2 = alpha * (-lnREta) - i3;

    // eq. 25, strike-slip
    out[0] = xi * q * invRREta + theta + i1 * sd;
    out[1] = yTilde * q * invRREta + q * cd * invREta + i2 * sd;
    out[2] = dTilde * q * invRREta + q * sd * invREta + i4 * sd;
    // eq. 26, dip-slip
    out[3] = q / r - i3 * sd * cd;
    out[4] = yTilde * q * invRRXi + cd * theta - i1 * sd * cd;
    out[5] = dTilde * q * invRRXi + sd * theta - i5 * sd * cd;
    // eq. 27, tensile
    double bracket = xi * q * invRREta - theta;
    out[6] = q * q * invRREta - i3 * sd * sd;
    out[7] = -dTilde * q * invRRXi - sd * bracket - i1 * sd * sd;
    out[8] = yTilde * q * invRRXi + cd * bracket - i5 * sd * sd;
  }

  /** Sine and cosine of the dip, snapped to exact values for a vertical fault (eq. 29 applies). */
  private record Dip(double sin, double cos, boolean vertical) {
    static Dip of(double dipRadians) {
      double c = Math.cos(dipRadians);
      double s = Math.sin(dipRadians);
      if (Math.abs(c) < COS_DIP_ZERO) {
        return new Dip(Math.signum(s), 0.0, true);
      }
      return new Dip(s, c, false);
    }
  }
}
