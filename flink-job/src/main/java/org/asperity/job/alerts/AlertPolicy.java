package org.asperity.job.alerts;

import java.io.Serializable;
import org.asperity.time.TimeUnits;

/**
 * Thresholds of the alert levels and their hysteresis.
 *
 * <ul>
 *   <li>A forecast <em>qualifies</em> for WARNING when its median TTF is at most {@code
 *       warningDays}, for WATCH when its median is at most {@code watchDays}; both also need a
 *       forecast magnitude of at least {@code minMagnitude}. The median, not the 10th percentile:
 *       the p10–p90 band of a decades-long cycle is wide, and a p10 horizon of years holds for most
 *       of the cycle, which would make WATCH a permanent state and tell an operator nothing.
 *   <li>The level rises after {@code enterCount} consecutive forecasts qualifying above the current
 *       level (to the lowest level they all qualify for).
 *   <li>The level falls after {@code leaveCount} consecutive forecasts that no longer
 *       <em>sustain</em> it: the horizon widened by {@code leaveMargin} (0.25 = 25 %), or the
 *       magnitude below the minimum. It falls to the level the last of them qualifies for.
 * </ul>
 */
public record AlertPolicy(
    double watchDays,
    double warningDays,
    double minMagnitude,
    int enterCount,
    int leaveCount,
    double leaveMargin)
    implements Serializable {

  /**
   * WATCH when p50 &le; 5 years, WARNING when p50 &le; 1 year, Mw &ge; 7; 3 forecasts in, 5 out, 25
   * % margin.
   */
  public static AlertPolicy defaults() {
    return new AlertPolicy(5 * TimeUnits.DAYS_PER_YEAR, TimeUnits.DAYS_PER_YEAR, 7.0, 3, 5, 0.25);
  }

  public AlertPolicy {
    if (!(watchDays > 0)
        || !(warningDays > 0)
        || Double.isInfinite(watchDays)
        || Double.isInfinite(warningDays)) {
      throw new IllegalArgumentException("alert horizons must be positive and finite");
    }
    if (!Double.isFinite(minMagnitude)) {
      throw new IllegalArgumentException("the alert magnitude must be finite");
    }
    if (enterCount < 1 || leaveCount < 1) {
      throw new IllegalArgumentException("alert counts must be at least 1");
    }
    if (!(leaveMargin >= 0) || Double.isInfinite(leaveMargin)) {
      throw new IllegalArgumentException("the leave margin must be finite and at least 0");
    }
  }
}
