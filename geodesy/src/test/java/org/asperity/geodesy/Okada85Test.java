package org.asperity.geodesy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Okada (1985) Table 2, "Check list for numerical calculations" (lambda = mu, unit slip),
 * displacement columns. Values as printed in the paper (four significant digits); cross-checked
 * between the IPGP okada85 check list (Beauducel) and independent re-implementations' test tables
 * (torchdeform, Hdef's okada92 unit tests for case 1). Case 4 is the paper's dip of -90 degrees,
 * used as is.
 */
class Okada85Test {
  private static final double NU = 0.25;

  static Stream<Arguments> finiteCases() {
    return Stream.of(
        // case, slip, x, y, d, dip, L, W, ux, uy, uz
        Arguments.of(
            "2 strike", 0, 2.0, 3.0, 4.0, 70.0, 3.0, 2.0, "-8.689E-3", "-4.298E-3", "-2.747E-3"),
        Arguments.of(
            "2 dip", 1, 2.0, 3.0, 4.0, 70.0, 3.0, 2.0, "-4.682E-3", "-3.527E-2", "-3.564E-2"),
        Arguments.of(
            "2 tensile", 2, 2.0, 3.0, 4.0, 70.0, 3.0, 2.0, "-2.660E-4", "1.056E-2", "3.214E-3"),
        Arguments.of("3 strike", 0, 0.0, 0.0, 4.0, 90.0, 3.0, 2.0, "0", "5.253E-3", "0"),
        Arguments.of("3 dip", 1, 0.0, 0.0, 4.0, 90.0, 3.0, 2.0, "0", "0", "0"),
        Arguments.of("3 tensile", 2, 0.0, 0.0, 4.0, 90.0, 3.0, 2.0, "1.223E-2", "0", "-1.606E-2"),
        Arguments.of("4 strike", 0, 0.0, 0.0, 4.0, -90.0, 3.0, 2.0, "0", "-1.303E-3", "0"),
        Arguments.of("4 dip", 1, 0.0, 0.0, 4.0, -90.0, 3.0, 2.0, "0", "0", "0"),
        Arguments.of("4 tensile", 2, 0.0, 0.0, 4.0, -90.0, 3.0, 2.0, "3.507E-3", "0", "-7.740E-3"));
  }

  @ParameterizedTest(name = "case {0}")
  @MethodSource("finiteCases")
  void finiteRectangleReproducesTable2(
      String name,
      int slipComponent,
      double x,
      double y,
      double d,
      double dip,
      double length,
      double width,
      String ux,
      String uy,
      String uz) {
    double[] u = new double[3];
    double[] slip = new double[3];
    slip[slipComponent] = 1.0;
    Okada85.rectangularSource(
        x, y, d, Math.toRadians(dip), length, width, slip[0], slip[1], slip[2], NU, u);
    assertPrinted(ux, u[0], name + " ux");
    assertPrinted(uy, u[1], name + " uy");
    assertPrinted(uz, u[2], name + " uz");
  }

  static Stream<Arguments> pointCases() {
    return Stream.of(
        Arguments.of("1 strike", 0, "-9.447E-4", "-1.023E-3", "-7.420E-4"),
        Arguments.of("1 dip", 1, "-1.172E-3", "-2.082E-3", "-2.532E-3"),
        Arguments.of("1 tensile", 2, "-3.572E-4", "3.531E-4", "-2.007E-4"));
  }

  @ParameterizedTest(name = "case {0}")
  @MethodSource("pointCases")
  void pointSourceReproducesTable2(
      String name, int slipComponent, String ux, String uy, String uz) {
    double[] u = new double[3];
    double[] potency = new double[3];
    potency[slipComponent] = 1.0;
    Okada85.pointSource(
        2.0, 3.0, 4.0, Math.toRadians(70.0), potency[0], potency[1], potency[2], NU, u);
    assertPrinted(ux, u[0], name + " ux");
    assertPrinted(uy, u[1], name + " uy");
    assertPrinted(uz, u[2], name + " uz");
  }

  /**
   * Equal to the printed value when rounded to its printed digits; a printed 0 is a symmetry zero.
   */
  private static void assertPrinted(String printed, double computed, String what) {
    BigDecimal expected = new BigDecimal(printed);
    if (expected.signum() == 0) {
      assertTrue(Math.abs(computed) < 1e-12, what + ": expected 0, got " + computed);
      return;
    }
    BigDecimal rounded = new BigDecimal(computed).round(new MathContext(expected.precision()));
    assertEquals(
        0, expected.compareTo(rounded), what + ": printed " + printed + ", computed " + computed);
  }
}
