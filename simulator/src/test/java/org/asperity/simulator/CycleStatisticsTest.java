package org.asperity.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.asperity.simulator.physics.FaultModel;
import org.asperity.simulator.physics.RuptureExtent;
import org.junit.jupiter.api.Test;

/**
 * The catalog statistics the presets promise, over at least 200 seismic cycles (intervals between
 * consecutive earthquakes of the region). Partial ruptures break some of the large asperities,
 * full-margin ruptures all of them, small ruptures only the small relay asperity.
 */
class CycleStatisticsTest {
  private static final int CYCLES = 200;

  private static SeismicCatalog catalog(SimulationConfig.Builder builder) {
    return SeismicCatalog.generate(
        builder.unlimitedDuration().untilEventsPerRegion(CYCLES + 1).build());
  }

  private static SimulationConfig.Builder nature(long seed) {
    return SimulationConfig.builder().preset(Preset.NATURE).seed(seed);
  }

  @Test
  void naturePresetMixesSoloAndJointRupturesOfTheLargeAsperitiesIrregularly() {
    for (long seed = 1; seed <= 3; seed++) {
      SeismicCatalog catalog = catalog(nature(seed));
      CatalogStatistics stats = catalog.statistics();
      String where = "seed " + seed + ": ";
      assertEquals(CYCLES, stats.cycles());
      assertIrregularMixOfPartialAndFullMargin(stats, where);
      double smallest = stats.minMagnitude();
      double largest = stats.maxMagnitude();
      assertTrue(smallest >= 6.2 && smallest <= 6.6, where + "smallest Mw " + smallest);
      assertTrue(largest >= 8.1 && largest <= 8.4, where + "largest Mw " + largest);
      for (Earthquake e : catalog.earthquakes()) {
        double mw = e.momentMagnitude();
        boolean expected =
            switch (e.extent()) {
              case SMALL -> mw < 6.7;
              case PARTIAL -> mw >= 7.7 && mw < 8.15;
              case FULL_MARGIN -> mw >= 8.15;
            };
        assertTrue(expected, where + e);
      }
      double large = stats.meanLargeEventRecurrenceYears();
      assertTrue(large >= 20 && large <= 80, where + "large events every " + large + " years");
      // training simulates 200 cycles at daily sampling: keep that within 10,000 years
      double mean = stats.meanRecurrenceYears();
      assertTrue(mean * CYCLES <= 10_000, where + "mean recurrence " + mean);
    }
  }

  @Test
  void labPresetHasSoloAndDoubleRupturesOfTwoEqualAsperities() {
    CatalogStatistics stats =
        catalog(SimulationConfig.builder().preset(Preset.LAB).seed(1)).statistics();
    assertEquals(0, stats.smallRuptures());
    double solo = (double) stats.partialRuptures() / stats.earthquakes();
    double both = (double) stats.fullMarginRuptures() / stats.earthquakes();
    assertTrue(solo >= 0.1 && both >= 0.1, "solo " + solo + ", double " + both);
    double cov = stats.recurrenceCov();
    assertTrue(cov >= 0.3 && cov <= 0.6, "recurrence CoV " + cov);
    // two equal asperities: solo ruptures about Mw 8.0, doubles about 8.2
    assertTrue(
        stats.minMagnitude() > 7.8 && stats.maxMagnitude() < 8.4,
        "Mw " + stats.minMagnitude() + " - " + stats.maxMagnitude());
    assertTrue(stats.maxMagnitude() - stats.minMagnitude() > 0.15, "doubles are larger than solos");
    for (int a = 0; a < 2; a++) {
      assertTrue(
          stats.asperityRecurrenceCov(0, a) < 0.15, "each asperity is a near-periodic oscillator");
    }
  }

  /**
   * Irregularity comes from the interaction, not from the dice. Without interaction every asperity
   * is a near-periodic oscillator (site CoV at the few-percent strength noise) and no rupture
   * involves two asperities. The region's CoV does not drop without interaction: independent
   * asperities of different periods superpose into a clustered sequence, the behaviour of distant
   * asperities in Rosenau et al. (2019).
   */
  @Test
  void withoutInteractionTheAsperitiesAreIndependentOscillators() {
    SeismicCatalog coupled = catalog(nature(2));
    SeismicCatalog independent = catalog(nature(2).interactionStrength(0.0));
    CatalogStatistics with = coupled.statistics();
    CatalogStatistics without = independent.statistics();
    assertEquals(0, without.fullMarginRuptures());
    assertTrue(
        independent.earthquakes().stream().allMatch(e -> e.asperities().size() == 1),
        "no joint rupture");
    assertTrue(
        coupled.earthquakes().stream().filter(e -> e.asperities().size() > 1).count() > CYCLES / 2,
        "with interaction most ruptures are joint");
    double siteWithout = without.largeAsperityRecurrenceCov();
    double siteWith = with.largeAsperityRecurrenceCov();
    assertTrue(siteWithout < 0.05, "independent site CoV " + siteWithout);
    assertTrue(
        siteWith > 3 * siteWithout, "site CoV with interaction " + siteWith + " vs " + siteWithout);
    assertTrue(without.recurrenceCov() > with.recurrenceCov(), "uncoupled asperities cluster");
  }

  /**
   * Without strength noise the cycle is deterministic, and still irregular: the same mix of partial
   * and full-margin ruptures, and a sequence of intervals that never settles into a repeating
   * pattern.
   */
  @Test
  void withoutStrengthNoiseTheCatalogStaysIrregularAndAperiodic() {
    SeismicCatalog noiseless = catalog(nature(2).strengthVariability(0.0));
    CatalogStatistics stats = noiseless.statistics();
    assertIrregularMixOfPartialAndFullMargin(stats, "noise-free: ");
    List<Double> intervals = new ArrayList<>();
    List<Earthquake> quakes = noiseless.earthquakes();
    for (int i = 1; i < quakes.size(); i++) {
      intervals.add(quakes.get(i).onsetYears() - quakes.get(i - 1).onsetYears());
    }
    assertEquals(
        0, repeatingPeriod(intervals, 0.05), "the noise-free sequence of intervals repeats");
  }

  private static void assertIrregularMixOfPartialAndFullMargin(
      CatalogStatistics stats, String where) {
    double cov = stats.recurrenceCov();
    assertTrue(cov >= 0.4 && cov <= 0.6, where + "recurrence CoV " + cov);
    double largeCov = stats.largeEventRecurrenceCov();
    assertTrue(largeCov >= 0.3, where + "large-event recurrence CoV " + largeCov);
    double partial = (double) stats.partialRuptures() / stats.largeEvents();
    double full = (double) stats.fullMarginRuptures() / stats.earthquakes();
    assertTrue(partial >= 0.2, where + "partial ruptures " + partial + " of the large events");
    assertTrue(full >= 0.2, where + "full-margin ruptures " + full + " of all events");
  }

  /**
   * The shortest period p (in events, up to a quarter of the sequence) with which the second half
   * of the intervals repeats to within the tolerance; 0 when there is none.
   */
  private static int repeatingPeriod(List<Double> intervals, double toleranceYears) {
    int n = intervals.size();
    for (int p = 1; p <= n / 4; p++) {
      boolean repeats = true;
      for (int i = n / 2; i + p < n && repeats; i++) {
        repeats = Math.abs(intervals.get(i) - intervals.get(i + p)) <= toleranceYears;
      }
      if (repeats) {
        return p;
      }
    }
    return 0;
  }

  @Test
  void extentsAreCountedAgainstTheLargeAsperities() {
    FaultModel nature = Models.faultModel(Preset.NATURE.definition());
    assertTrue(
        nature.isLarge(0) && !nature.isLarge(1) && nature.isLarge(2),
        "A1 and A3 large, A2 the small relay");
    FaultModel lab = Models.faultModel(Preset.LAB.definition());
    assertTrue(lab.isLarge(0) && lab.isLarge(1));
    CatalogStatistics stats = catalog(nature(1)).statistics();
    assertEquals(
        stats.earthquakes(),
        stats.smallRuptures() + stats.partialRuptures() + stats.fullMarginRuptures());
    assertEquals(stats.largeEvents(), stats.partialRuptures() + stats.fullMarginRuptures());
    assertTrue(
        stats.smallRuptures() > 0 && stats.partialRuptures() > 0 && stats.fullMarginRuptures() > 0);
    assertTrue(stats.meanLargeEventRecurrenceYears() > stats.meanRecurrenceYears());
    assertEquals(RuptureExtent.FULL_MARGIN, RuptureExtent.of(2, 2));
    assertEquals(RuptureExtent.PARTIAL, RuptureExtent.of(1, 2));
    assertEquals(RuptureExtent.SMALL, RuptureExtent.of(0, 2));
  }
}
