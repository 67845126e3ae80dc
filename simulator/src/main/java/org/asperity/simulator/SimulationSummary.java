package org.asperity.simulator;

import java.util.Locale;

/**
 * What a simulation produced (see {@link CatalogStatistics} for the definitions).
 *
 * @param regions number of regions
 * @param simulatedYears recorded simulated time
 * @param epochs epochs generated
 * @param earthquakes earthquakes recorded, all regions
 * @param cycles intervals between consecutive earthquakes of a region, all regions
 * @param recurrenceCov CoV of the region recurrence intervals
 * @param largeEventRecurrenceCov CoV of the intervals between large events (partial or full-margin)
 * @param asperityRecurrenceCov mean CoV of the asperities' recurrence intervals
 * @param meanRecurrenceYears mean region recurrence interval
 * @param meanLargeEventRecurrenceYears mean interval between large events
 * @param minMagnitude smallest Mw
 * @param maxMagnitude largest Mw
 * @param smallRuptures earthquakes that broke no large asperity
 * @param partialRuptures earthquakes that broke some of the large asperities
 * @param fullMarginRuptures earthquakes that broke all of them
 * @param observations GNSS observations emitted
 * @param slipDeficitSamples asperity-state samples emitted (one per asperity per sample epoch)
 * @param wallSeconds wall time of the recording (excluding spin-up and set-up)
 */
public record SimulationSummary(
    int regions,
    double simulatedYears,
    long epochs,
    long earthquakes,
    long cycles,
    double recurrenceCov,
    double largeEventRecurrenceCov,
    double asperityRecurrenceCov,
    double meanRecurrenceYears,
    double meanLargeEventRecurrenceYears,
    double minMagnitude,
    double maxMagnitude,
    long smallRuptures,
    long partialRuptures,
    long fullMarginRuptures,
    long observations,
    long slipDeficitSamples,
    double wallSeconds) {

  static SimulationSummary of(
      int regions,
      double years,
      long epochs,
      CatalogStatistics stats,
      long observations,
      long samples,
      double wallSeconds) {
    return new SimulationSummary(
        regions,
        years,
        epochs,
        stats.earthquakes(),
        stats.cycles(),
        stats.recurrenceCov(),
        stats.largeEventRecurrenceCov(),
        stats.asperityRecurrenceCov(),
        stats.meanRecurrenceYears(),
        stats.meanLargeEventRecurrenceYears(),
        stats.minMagnitude(),
        stats.maxMagnitude(),
        stats.smallRuptures(),
        stats.partialRuptures(),
        stats.fullMarginRuptures(),
        observations,
        samples,
        wallSeconds);
  }

  /** Partial ruptures as a fraction of the large events. */
  public double partialFraction() {
    long large = partialRuptures + fullMarginRuptures;
    return large == 0 ? Double.NaN : (double) partialRuptures / large;
  }

  /** Full-margin ruptures as a fraction of all earthquakes. */
  public double fullMarginFraction() {
    return earthquakes == 0 ? Double.NaN : (double) fullMarginRuptures / earthquakes;
  }

  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Simulated %.1f years in %d region(s), %d epochs, %.1f s wall%n",
                simulatedYears,
                regions,
                epochs,
                wallSeconds));
    if (earthquakes == 0) {
      text.append("  earthquakes  none in this span (too short for a seismic cycle)%n".formatted());
    } else {
      text.append(
          String.format(
              Locale.ROOT,
              "  earthquakes  %d: %d small, %d partial (%s of large), %d full-margin (%.0f %% of all), Mw %.2f - %.2f%n",
              earthquakes,
              smallRuptures,
              partialRuptures,
              percent(partialFraction()),
              fullMarginRuptures,
              100 * fullMarginFraction(),
              minMagnitude,
              maxMagnitude));
    }
    if (cycles > 0) {
      text.append(
          String.format(
              Locale.ROOT,
              "  cycles       %d, mean recurrence %.1f years, CoV %s; large events every %s"
                  + " years, CoV %s; per asperity CoV %s%n",
              cycles,
              meanRecurrenceYears,
              number(recurrenceCov),
              number(meanLargeEventRecurrenceYears, "%.1f"),
              number(largeEventRecurrenceCov),
              number(asperityRecurrenceCov)));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "  records      %d GNSS observations, %d slip-deficit samples, %d earthquakes",
            observations,
            slipDeficitSamples,
            earthquakes));
    return text.toString();
  }

  private static String percent(double fraction) {
    return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
  }

  private static String number(double value) {
    return number(value, "%.2f");
  }

  /** Too few events for a statistic: say so rather than print NaN. */
  private static String number(double value, String format) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
  }
}
