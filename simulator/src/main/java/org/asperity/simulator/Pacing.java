package org.asperity.simulator;

/**
 * How simulated time maps to wall time: as fast as possible, or a fixed number of simulated seconds
 * per wall second (1 = real time; 86400 = one simulated day per second), optionally after a
 * catch-up: the first {@code catchUpYears} of the record go as fast as possible (history a consumer
 * can learn from), pacing starts from there.
 */
public record Pacing(double speedFactor, double catchUpYears) {
  public Pacing {
    if (!(speedFactor > 0)) {
      throw new IllegalArgumentException(
          "speed factor must be positive (infinity for as fast as possible)");
    }
    if (!(catchUpYears >= 0)) {
      throw new IllegalArgumentException("catch-up years must be >= 0");
    }
  }

  public Pacing(double speedFactor) {
    this(speedFactor, 0);
  }

  public static Pacing asFastAsPossible() {
    return new Pacing(Double.POSITIVE_INFINITY);
  }

  public static Pacing speedFactor(double simulatedSecondsPerWallSecond) {
    return new Pacing(simulatedSecondsPerWallSecond);
  }

  /** The same pacing, starting only after the first {@code years} of the record. */
  public Pacing afterCatchUp(double years) {
    return new Pacing(speedFactor, years);
  }

  public boolean unpaced() {
    return Double.isInfinite(speedFactor);
  }
}
