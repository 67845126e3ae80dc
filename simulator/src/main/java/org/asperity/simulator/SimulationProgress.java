package org.asperity.simulator;

/**
 * Where a running simulation is.
 *
 * @param epochs epochs generated so far (each covering every region)
 * @param simulatedYears simulated time since the start of recording
 * @param totalYears planned duration, NaN when the run stops on an event count or runs until
 *     stopped
 * @param earthquakes earthquakes recorded so far, all regions
 * @param observations observations emitted so far (present station-epochs), all regions
 * @param wallSeconds wall time since the first epoch
 */
public record SimulationProgress(
    long epochs,
    double simulatedYears,
    double totalYears,
    long earthquakes,
    long observations,
    double wallSeconds) {

  /** Fraction done by simulated time, NaN when unknown. */
  public double fraction() {
    return totalYears > 0 ? Math.min(1.0, simulatedYears / totalYears) : Double.NaN;
  }
}
