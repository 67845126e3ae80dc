package org.asperity.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.asperity.simulator.physics.FaultModel;
import org.asperity.simulator.physics.RuptureExtent;

/**
 * The catalog statistics that say how predictable a preset is, over several seeds: recurrence CoV
 * of all events, of events at or above a magnitude and of each large asperity's own ruptures
 * (intervals pooled over seeds), the magnitude range, and the shares of partial and full-margin
 * ruptures among the large events.
 *
 * @param preset the model's name
 * @param seeds the seeds, one region each
 * @param yearsPerSeed recorded years per seed (after the spin-up)
 * @param events earthquakes in all
 * @param recurrenceCov CoV of the intervals between consecutive events
 * @param magnitudeThreshold the Mw of the large-event statistics
 * @param eventsAboveThreshold events at or above it
 * @param aboveThresholdRecurrenceCov CoV of the intervals between consecutive such events
 * @param meanAboveThresholdRecurrenceYears their mean interval
 * @param largeAsperityRecurrenceCov CoV of each large asperity's own intervals, by name
 * @param minMagnitude smallest Mw
 * @param maxMagnitude largest Mw
 * @param minAboveThreshold smallest Mw at or above the threshold
 * @param partialShare share of partial ruptures among partial and full-margin ones
 * @param fullMarginShare share of full-margin ruptures among them
 */
public record CatalogSummary(
    String preset,
    List<Long> seeds,
    double yearsPerSeed,
    long events,
    double recurrenceCov,
    double magnitudeThreshold,
    long eventsAboveThreshold,
    double aboveThresholdRecurrenceCov,
    double meanAboveThresholdRecurrenceYears,
    java.util.Map<String, Double> largeAsperityRecurrenceCov,
    double minMagnitude,
    double maxMagnitude,
    double minAboveThreshold,
    double partialShare,
    double fullMarginShare) {

  /** Spin-up before each seed's record, years. */
  public static final double SPIN_UP_YEARS = 3000.0;

  /** The statistics of {@code definition} over {@code seeds}, each recording {@code years}. */
  public static CatalogSummary of(
      ModelDefinition definition, List<Long> seeds, double years, double magnitudeThreshold) {
    FaultModel faultModel = Models.faultModel(definition);
    int n = faultModel.asperityCount();
    List<List<Double>> all = new ArrayList<>();
    List<List<Double>> above = new ArrayList<>();
    List<List<List<Double>>> perAsperity = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      perAsperity.add(new ArrayList<>());
    }
    long events = 0;
    long aboveCount = 0;
    long partial = 0;
    long full = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double minAbove = Double.POSITIVE_INFINITY;
    for (long seed : seeds) {
      SimulationConfig config =
          SimulationConfig.builder()
              .model(definition)
              .seed(seed)
              .spinUpYears(SPIN_UP_YEARS)
              .durationYears(years)
              .build();
      List<Double> onsets = new ArrayList<>();
      List<Double> aboveOnsets = new ArrayList<>();
      List<List<Double>> asperityOnsets = new ArrayList<>();
      for (int a = 0; a < n; a++) {
        asperityOnsets.add(new ArrayList<>());
      }
      for (Earthquake e : SeismicCatalog.generate(config).earthquakes()) {
        events++;
        onsets.add(e.onsetYears());
        double mw = e.momentMagnitude();
        min = Math.min(min, mw);
        max = Math.max(max, mw);
        if (mw >= magnitudeThreshold) {
          aboveCount++;
          aboveOnsets.add(e.onsetYears());
          minAbove = Math.min(minAbove, mw);
        }
        partial += e.extent() == RuptureExtent.PARTIAL ? 1 : 0;
        full += e.extent() == RuptureExtent.FULL_MARGIN ? 1 : 0;
        double[] slip = e.asperitySlipMeters();
        for (int a = 0; a < n; a++) {
          if (slip[a] > 0) {
            asperityOnsets.get(a).add(e.onsetYears());
          }
        }
      }
      all.add(onsets);
      above.add(aboveOnsets);
      for (int a = 0; a < n; a++) {
        perAsperity.get(a).add(asperityOnsets.get(a));
      }
    }
    java.util.Map<String, Double> asperityCov = new java.util.LinkedHashMap<>();
    for (int a = 0; a < n; a++) {
      if (faultModel.isLarge(a)) {
        asperityCov.put(faultModel.asperities().get(a).name(), intervals(perAsperity.get(a))[2]);
      }
    }
    double[] aboveMoments = intervals(above);
    long large = partial + full;
    return new CatalogSummary(
        definition.name(),
        List.copyOf(seeds),
        years,
        events,
        intervals(all)[2],
        magnitudeThreshold,
        aboveCount,
        aboveMoments[2],
        aboveMoments[1],
        asperityCov,
        min,
        max,
        minAbove,
        large == 0 ? Double.NaN : partial / (double) large,
        large == 0 ? Double.NaN : full / (double) large);
  }

  /** {count, mean, CoV} of the consecutive intervals of each list, pooled. */
  private static double[] intervals(List<List<Double>> lists) {
    long count = 0;
    double sum = 0.0;
    double squares = 0.0;
    for (List<Double> list : lists) {
      for (int i = 1; i < list.size(); i++) {
        double d = list.get(i) - list.get(i - 1);
        count++;
        sum += d;
        squares += d * d;
      }
    }
    if (count < 2) {
      return new double[] {count, Double.NaN, Double.NaN};
    }
    double mean = sum / count;
    double sd = Math.sqrt(Math.max(0.0, (squares - count * mean * mean) / (count - 1)));
    return new double[] {count, mean, sd / mean};
  }

  /** Span of the magnitudes at or above the threshold. */
  public double aboveThresholdSpan() {
    return maxMagnitude - minAboveThreshold;
  }

  /** A few lines for a terminal. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%s: %d seeds x %.0f years, %d events%n"
                + "  recurrence CoV, all events: %.2f%n"
                + "  recurrence CoV, Mw >= %.1f (%d events, mean %.1f years): %.2f%n",
            preset,
            seeds.size(),
            yearsPerSeed,
            events,
            recurrenceCov,
            magnitudeThreshold,
            eventsAboveThreshold,
            meanAboveThresholdRecurrenceYears,
            aboveThresholdRecurrenceCov));
    largeAsperityRecurrenceCov.forEach(
        (name, cov) ->
            b.append(
                String.format(
                    Locale.ROOT, "  recurrence CoV of large asperity %s: %.2f%n", name, cov)));
    b.append(
        String.format(
            Locale.ROOT,
            "  Mw %.2f to %.2f; Mw >= %.1f spans %.2f (%.2f to %.2f)%n"
                + "  partial %.0f %%, full-margin %.0f %% of the large ruptures%n",
            minMagnitude,
            maxMagnitude,
            magnitudeThreshold,
            aboveThresholdSpan(),
            minAboveThreshold,
            maxMagnitude,
            100 * partialShare,
            100 * fullMarginShare));
    return b.toString();
  }
}
