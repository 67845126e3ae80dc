package org.asperity.simulator.physics;

import java.util.Arrays;

/**
 * One earthquake of the cycle model: the asperities that failed (in order), how much each slipped
 * and the size of the rupture.
 *
 * @param onsetYears simulated time of the onset, years from the start of recording (negative in
 *     spin-up)
 * @param asperityOrder indices of the failed asperities in order of failure
 * @param slipMeters slip amplitude (peak slip in the core) of each asperity, 0 for those that held
 * @param momentNewtonMeters M0 = mu * sum(area * slip)
 * @param momentMagnitude Mw = (2/3)(log10 M0 - 9.1)
 * @param extent small (no large asperity), partial (some large asperities) or full-margin (all of
 *     them)
 * @param alongStrikeStartKm along-strike start of the slipping area
 * @param alongStrikeEndKm along-strike end of the slipping area
 * @param areaSquareKm area that slipped (pattern at least 5 percent of a failed asperity's)
 * @param meanSlipMeters mean slip over that area
 * @param maxSlipMeters peak slip
 */
public record Rupture(
    double onsetYears,
    int[] asperityOrder,
    double[] slipMeters,
    double momentNewtonMeters,
    double momentMagnitude,
    RuptureExtent extent,
    double alongStrikeStartKm,
    double alongStrikeEndKm,
    double areaSquareKm,
    double meanSlipMeters,
    double maxSlipMeters) {

  public Rupture {
    asperityOrder = asperityOrder.clone();
    slipMeters = slipMeters.clone();
  }

  @Override
  public int[] asperityOrder() {
    return asperityOrder.clone();
  }

  @Override
  public double[] slipMeters() {
    return slipMeters.clone();
  }

  /** True when every large asperity of the region failed. */
  public boolean fullMargin() {
    return extent == RuptureExtent.FULL_MARGIN;
  }

  public int asperityCount() {
    return asperityOrder.length;
  }

  /** True when the asperity slipped in this rupture. */
  public boolean involves(int asperity) {
    return slipMeters[asperity] > 0.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rupture r
        && onsetYears == r.onsetYears
        && Arrays.equals(asperityOrder, r.asperityOrder)
        && Arrays.equals(slipMeters, r.slipMeters)
        && momentMagnitude == r.momentMagnitude;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(onsetYears) * 31 + Arrays.hashCode(asperityOrder);
  }

  @Override
  public String toString() {
    return String.format(
        "Rupture[t=%.3f y, Mw %.2f, asperities %s, %s]",
        onsetYears, momentMagnitude, Arrays.toString(asperityOrder), extent);
  }
}
