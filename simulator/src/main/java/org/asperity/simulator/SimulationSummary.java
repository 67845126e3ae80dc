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
public record SimulationSummary(int regions, double simulatedYears, long epochs, long earthquakes, long cycles,
    double recurrenceCov, double largeEventRecurrenceCov, double asperityRecurrenceCov, double meanRecurrenceYears,
    double meanLargeEventRecurrenceYears, double minMagnitude, double maxMagnitude, long smallRuptures,
    long partialRuptures, long fullMarginRuptures, long observations, long slipDeficitSamples, double wallSeconds) {

  static SimulationSummary of(int regions, double years, long epochs, CatalogStatistics stats, long observations,
      long samples, double wallSeconds) {
    return new SimulationSummary(regions, years, epochs, stats.earthquakes(), stats.cycles(), stats.recurrenceCov(),
        stats.largeEventRecurrenceCov(), stats.asperityRecurrenceCov(), stats.meanRecurrenceYears(),
        stats.meanLargeEventRecurrenceYears(), stats.minMagnitude(), stats.maxMagnitude(), stats.smallRuptures(),
        stats.partialRuptures(), stats.fullMarginRuptures(), observations, samples, wallSeconds);
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
    return String.format(Locale.ROOT,
        "Simulated %.1f years in %d region(s), %d epochs, %.1f s wall%n"
            + "  earthquakes  %d: %d small, %d partial (%.0f %% of large), %d full-margin (%.0f %% of all),"
            + " Mw %.2f - %.2f%n"
            + "  cycles       %d, mean recurrence %.1f years, CoV %.2f; large events every %.1f years,"
            + " CoV %.2f; per asperity CoV %.2f%n"
            + "  records      %d GNSS observations, %d slip-deficit samples, %d earthquakes",
        simulatedYears, regions, epochs, wallSeconds, earthquakes, smallRuptures, partialRuptures,
        100 * partialFraction(), fullMarginRuptures, 100 * fullMarginFraction(), minMagnitude, maxMagnitude, cycles,
        meanRecurrenceYears, recurrenceCov, meanLargeEventRecurrenceYears, largeEventRecurrenceCov,
        asperityRecurrenceCov, observations, slipDeficitSamples, earthquakes);
  }
}
