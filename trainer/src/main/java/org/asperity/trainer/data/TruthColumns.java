package org.asperity.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of the ground-truth columns recorded with every row: the simulator's true state of each
 * asperity. They are never model inputs; the baselines use them (the true slip deficit, and the
 * oracle that sees stress and strength).
 *
 * <p>Per asperity, in this order: slip deficit (m), shear stress (MPa), strength (MPa, the failure
 * threshold of its current cycle), stress rate (MPa/yr, over the last day) and the years until the
 * stress reaches the strength at that rate (NaN when the stress is not rising).
 */
public final class TruthColumns {

  /** Columns per asperity. */
  public static final int PER_ASPERITY = 5;

  public static final int DEFICIT = 0;
  public static final int STRESS = 1;
  public static final int STRENGTH = 2;
  public static final int STRESS_RATE = 3;
  public static final int YEARS_TO_STRENGTH = 4;

  private TruthColumns() {}

  /** All column names for the asperities {@code ids}, asperity-major. */
  public static List<String> names(List<String> ids) {
    List<String> names = new ArrayList<>();
    for (String id : ids) {
      names.add("true." + id + ".slipDeficit.m");
      names.add("true." + id + ".shearStress.MPa");
      names.add("true." + id + ".strength.MPa");
      names.add("true." + id + ".stressRate.MPaPerYr");
      names.add("true." + id + ".yearsToStrength.yr");
    }
    return names;
  }

  /** Column index of {@code quantity} of asperity {@code a}. */
  public static int column(int asperity, int quantity) {
    return asperity * PER_ASPERITY + quantity;
  }
}
