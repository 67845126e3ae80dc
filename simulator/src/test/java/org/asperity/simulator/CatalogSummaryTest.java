package org.asperity.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogSummaryTest {

  @Test
  void summarisesTheCatalogsOfEverySeed() {
    CatalogSummary s = CatalogSummary.of(Preset.LAB.definition(), List.of(1L, 2L), 1500.0, 7.0);
    long events = 0;
    for (long seed : List.of(1L, 2L)) {
      events +=
          SeismicCatalog.generate(
                  SimulationConfig.builder()
                      .preset(Preset.LAB)
                      .seed(seed)
                      .spinUpYears(CatalogSummary.SPIN_UP_YEARS)
                      .durationYears(1500.0)
                      .build())
              .earthquakes()
              .size();
    }
    assertEquals(events, s.events());
    assertEquals(1.0, s.partialShare() + s.fullMarginShare(), 1e-12);
    assertTrue(s.minMagnitude() <= s.minAboveThreshold() && s.minAboveThreshold() >= 7.0);
    assertEquals(s.maxMagnitude() - s.minAboveThreshold(), s.aboveThresholdSpan(), 1e-12);
    assertEquals(List.of("A1", "A2"), List.copyOf(s.largeAsperityRecurrenceCov().keySet()));
    assertTrue(s.recurrenceCov() > 0 && s.aboveThresholdRecurrenceCov() > 0);
    assertTrue(s.describe().contains("recurrence CoV of large asperity A1"));
  }
}
