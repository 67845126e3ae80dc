package org.asperity.features;

import java.util.Locale;
import java.util.Optional;
import org.asperity.time.TimeUnits;

/**
 * Whether a feature vector lies where the model was trained, and if not, why — in words an operator
 * reads next to the forecast. The trainer keeps only rows whose long station windows are full (the
 * first long window of every run is warm-up), whose stream has seen an earthquake (before it the
 * cycle's start is unknown) and whose short window holds no rupture; a forecast outside those
 * conditions is still made, but says so, and the alert policy does not act on it.
 */
public final class TrainingDomain {
  /**
   * Long windows count as full from here: stations with gaps reach 100 % a little after the others.
   */
  static final double FULL = 0.95;

  private final int longWindowFill;
  private final int timeSinceLastEvent;
  private final double exclusionDays;
  private final int longWindowSamples;
  private final double longWindowDays;

  public TrainingDomain(FeatureSchema schema) {
    FeatureConfig config = schema.config();
    this.longWindowSamples = config.longWindowSamples();
    // One sample per tick interval (the job aggregates faster feeds): the window spans this long.
    this.longWindowDays =
        longWindowSamples * (config.tickIntervalMicros() / (double) TimeUnits.MICROS_PER_DAY);
    this.longWindowFill =
        schema.indexOf("quality.w" + longWindowSamples + ".windowFill.mean.fraction");
    this.timeSinceLastEvent = schema.indexOf("network.timeSinceLastEvent.days");
    // Rows with a rupture inside the short window are left out of training.
    this.exclusionDays =
        config.shortWindowSamples()
            * (config.tickIntervalMicros() / (double) TimeUnits.MICROS_PER_DAY);
    if (longWindowFill < 0 || timeSinceLastEvent < 0) {
      throw new IllegalArgumentException(
          "feature schema lacks the window-fill or time-since-event feature");
    }
  }

  /**
   * Empty when the vector is inside the training domain; otherwise the reason, for the forecast's
   * caveat.
   */
  public Optional<String> caveat(double[] values) {
    double fill = values[longWindowFill];
    if (!(fill >= FULL)) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "warming up: the %.0f-day station windows are %.0f %% full",
              longWindowDays,
              100 * (Double.isNaN(fill) ? 0 : fill)));
    }
    double sinceEvent = values[timeSinceLastEvent];
    if (Double.isNaN(sinceEvent)) {
      return Optional.of("no earthquake detected in this stream yet: the cycle's start is unknown");
    }
    if (sinceEvent < exclusionDays) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%.0f days after a detected earthquake (the model starts %.0f days after)",
              sinceEvent,
              exclusionDays));
    }
    return Optional.empty();
  }
}
