package org.asperity.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The catalog statistics the issue asks of the presets, over at least 200 seismic cycles (intervals
 * between consecutive earthquakes of the region).
 */
class CycleStatisticsTest {
  private static final int CYCLES = 200;

  private static CatalogStatistics catalog(SimulationConfig.Builder builder) {
    SimulationConfig config = builder.unlimitedDuration().untilEventsPerRegion(CYCLES + 1).build();
    return SeismicCatalog.generate(config).statistics();
  }

  @Test
  void naturePresetHasIrregularRecurrenceMixedRupturesAndMagnitudesFromSixToEight() {
    CatalogStatistics stats = catalog(SimulationConfig.builder().preset(Preset.NATURE).seed(1));
    assertEquals(CYCLES, stats.cycles());
    double cov = stats.recurrenceCov();
    assertTrue(cov >= 0.4 && cov <= 0.6, "recurrence CoV " + cov);
    double partial = (double) stats.partialRuptures() / stats.earthquakes();
    double full = (double) stats.fullMarginRuptures() / stats.earthquakes();
    assertTrue(partial >= 0.2, "partial ruptures " + partial);
    assertTrue(full >= 0.2, "full-margin ruptures " + full);
    assertTrue(stats.minMagnitude() >= 6.0 && stats.minMagnitude() <= 6.6, "smallest Mw " + stats.minMagnitude());
    assertTrue(stats.maxMagnitude() >= 8.0 && stats.maxMagnitude() <= 8.6, "largest Mw " + stats.maxMagnitude());
  }

  @Test
  void labPresetHasSoloAndDoubleRupturesOfTwoEqualAsperities() {
    CatalogStatistics stats = catalog(SimulationConfig.builder().preset(Preset.LAB).seed(1));
    double partial = (double) stats.partialRuptures() / stats.earthquakes();
    double full = (double) stats.fullMarginRuptures() / stats.earthquakes();
    assertTrue(partial >= 0.1 && full >= 0.1, "solo " + partial + ", double " + full);
    double cov = stats.recurrenceCov();
    assertTrue(cov >= 0.2 && cov <= 0.7, "recurrence CoV " + cov);
    // two equal asperities: solo ruptures about Mw 8.0, doubles about 8.2
    assertTrue(stats.minMagnitude() > 7.8 && stats.maxMagnitude() < 8.4,
        "Mw " + stats.minMagnitude() + " - " + stats.maxMagnitude());
    assertTrue(stats.maxMagnitude() - stats.minMagnitude() > 0.15, "doubles are larger than solos");
    for (int a = 0; a < 2; a++) {
      assertTrue(stats.asperityRecurrenceCov(0, a) < 0.15, "each asperity is a near-periodic oscillator");
    }
  }

  /**
   * Irregularity comes from the interaction, not from the dice: switching the interaction off leaves
   * each asperity a near-periodic oscillator (site CoV at the few-percent strength noise) with no
   * multi-asperity rupture, while switching the strength noise off keeps the irregular catalog.
   * The region's CoV does not drop without interaction: independent asperities of different periods
   * superpose into a clustered sequence, the behaviour of distant asperities in Rosenau et al. (2019).
   */
  @Test
  void irregularityComesFromInteraction() {
    CatalogStatistics coupled = catalog(SimulationConfig.builder().preset(Preset.NATURE).seed(2));
    CatalogStatistics independent = catalog(SimulationConfig.builder().preset(Preset.NATURE).seed(2)
        .interactionStrength(0.0));
    CatalogStatistics noiseless = catalog(SimulationConfig.builder().preset(Preset.NATURE).seed(2)
        .strengthVariability(0.0));
    assertEquals(0, independent.fullMarginRuptures());
    assertTrue(independent.asperityRecurrenceCov() < 0.06, "independent site CoV " + independent.asperityRecurrenceCov());
    assertTrue(coupled.asperityRecurrenceCov() > 3 * independent.asperityRecurrenceCov(),
        "site CoV with interaction " + coupled.asperityRecurrenceCov() + " vs " + independent.asperityRecurrenceCov());
    assertTrue(independent.recurrenceCov() > coupled.recurrenceCov(), "uncoupled asperities cluster");
    double cov = noiseless.recurrenceCov();
    assertTrue(cov >= 0.4 && cov <= 0.6, "noise-free recurrence CoV " + cov);
    assertTrue(noiseless.fullMarginRuptures() > 0 && noiseless.partialRuptures() > 0);
  }
}
