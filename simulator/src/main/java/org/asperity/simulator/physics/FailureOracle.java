package org.asperity.simulator.physics;

/**
 * The physics oracle of the next earthquake, from the true state of a {@link SeismicCycle}: the
 * time each asperity needs to reach its strength if it kept loading at its current rate, and the
 * minimum over the asperities. The cycle is a deterministic threshold system between events, so
 * this predicts the onset of the next earthquake almost exactly (only the precursory decoupling
 * bends the loading); for the next large earthquake it misses the ones that a small asperity sets
 * off early. It is the ceiling that a forecast from surface deformation can approach, and the proof
 * that time to failure is predictable in principle from the state.
 */
public final class FailureOracle {
  private final SeismicCycle cycle;
  private final double[] deficit;
  private final double[] stress;
  private final double[] rate;

  public FailureOracle(SeismicCycle cycle) {
    this.cycle = cycle;
    int n = cycle.asperityCount();
    deficit = new double[n];
    stress = new double[n];
    rate = new double[n];
  }

  /**
   * Years from t until the first asperity reaches its strength; t must lie in the cycle's current
   * step.
   */
  public double yearsToNextEarthquake(double t) {
    return yearsToFailure(t, false);
  }

  /** Years from t until the first large asperity reaches its strength (t in the current step). */
  public double yearsToNextLargeEarthquake(double t) {
    return yearsToFailure(t, true);
  }

  private double yearsToFailure(double t, boolean largeOnly) {
    cycle.deficitAt(t, deficit);
    cycle.stress(deficit, stress);
    cycle.stressRate(deficit, rate);
    FaultModel model = cycle.model();
    double first = Double.POSITIVE_INFINITY;
    for (int i = 0; i < deficit.length; i++) {
      if (largeOnly && !model.isLarge(i)) {
        continue;
      }
      double years = Math.max(0.0, cycle.strength(i) - stress[i]) / rate[i];
      first = Math.min(first, years);
    }
    return first;
  }
}
