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
 * @param asperityRecurrenceCov mean CoV of the asperities' recurrence intervals
 * @param meanRecurrenceYears mean region recurrence interval
 * @param minMagnitude smallest Mw
 * @param maxMagnitude largest Mw
 * @param partialRuptures earthquakes that broke some of the asperities
 * @param fullMarginRuptures earthquakes that broke all of them
 * @param observations GNSS observations emitted
 * @param slipDeficitSamples asperity-state samples emitted (one per asperity per sample epoch)
 * @param wallSeconds wall time of the recording (excluding spin-up and set-up)
 */
public record SimulationSummary(int regions, double simulatedYears, long epochs, long earthquakes, long cycles,
    double recurrenceCov, double asperityRecurrenceCov, double meanRecurrenceYears, double minMagnitude,
    double maxMagnitude, long partialRuptures, long fullMarginRuptures, long observations, long slipDeficitSamples,
    double wallSeconds) {

  static SimulationSummary of(int regions, double years, long epochs, CatalogStatistics stats, long observations,
      long samples, double wallSeconds) {
    return new SimulationSummary(regions, years, epochs, stats.earthquakes(), stats.cycles(), stats.recurrenceCov(),
        stats.asperityRecurrenceCov(), stats.meanRecurrenceYears(), stats.minMagnitude(), stats.maxMagnitude(),
        stats.partialRuptures(), stats.fullMarginRuptures(), observations, samples, wallSeconds);
  }

  public double partialFraction() {
    return earthquakes == 0 ? Double.NaN : (double) partialRuptures / earthquakes;
  }

  public double fullMarginFraction() {
    return earthquakes == 0 ? Double.NaN : (double) fullMarginRuptures / earthquakes;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "Simulated %.1f years in %d region(s), %d epochs, %.1f s wall%n"
            + "  earthquakes  %d (%d partial = %.0f %%, %d full-margin = %.0f %%), Mw %.2f - %.2f%n"
            + "  cycles       %d, mean recurrence %.1f years, CoV %.2f (per asperity %.2f)%n"
            + "  records      %d GNSS observations, %d slip-deficit samples, %d earthquakes",
        simulatedYears, regions, epochs, wallSeconds, earthquakes, partialRuptures, 100 * partialFraction(),
        fullMarginRuptures, 100 * fullMarginFraction(), minMagnitude, maxMagnitude, cycles, meanRecurrenceYears,
        recurrenceCov, asperityRecurrenceCov, observations, slipDeficitSamples, earthquakes);
  }
}
