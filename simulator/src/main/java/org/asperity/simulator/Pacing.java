package org.asperity.simulator;

/**
 * How simulated time maps to wall time: as fast as possible, or a fixed number of simulated seconds
 * per wall second (1 = real time; 86400 = one simulated day per second).
 */
public record Pacing(double speedFactor) {
  public Pacing {
    if (!(speedFactor > 0)) {
      throw new IllegalArgumentException("speed factor must be positive (infinity for as fast as possible)");
    }
  }

  public static Pacing asFastAsPossible() {
    return new Pacing(Double.POSITIVE_INFINITY);
  }

  public static Pacing speedFactor(double simulatedSecondsPerWallSecond) {
    return new Pacing(simulatedSecondsPerWallSecond);
  }

  public boolean unpaced() {
    return Double.isInfinite(speedFactor);
  }
}
