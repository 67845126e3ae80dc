package org.asperity.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

class FeatureConfigTest {

  @Test
  void canonicalStringRoundTripsExactly() {
    FeatureConfig config =
        FeatureConfig.builder()
            .tickIntervalMicros(3_600_000_000L)
            .windows(24, 168, 8760)
            .jumpThresholdSigma(4.25)
            .eventMinStations(5)
            .eventCoincidenceTicks(48)
            .releaseMinSlipMeters(0.1)
            .releaseRelativeSlip(0.2)
            .inversionDamping(1e-6)
            .swathTrenchDistanceKm(60, 100)
            .rigidityPascals(4e10)
            .build();
    FeatureConfig back = FeatureConfig.fromCanonicalString(config.canonicalString());
    assertEquals(config, back);
    assertEquals(config.fingerprint(), back.fingerprint());
    assertEquals(
        FeatureConfig.defaults(),
        FeatureConfig.fromCanonicalString(FeatureConfig.defaults().canonicalString()));
    assertNotEquals(FeatureConfig.defaults().fingerprint(), config.fingerprint());
  }

  @Test
  void rejectsMalformedOrIncompleteText() {
    String canonical = FeatureConfig.defaults().canonicalString();
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureConfig.fromCanonicalString(canonical + ";extra=1"));
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureConfig.fromCanonicalString(canonical.replace("eventMinStations=3;", "")));
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureConfig.fromCanonicalString(canonical.replace("=5.0", "=five")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FeatureConfig.fromCanonicalString(
                canonical.replace("longWindowSamples=3650", "longWindowSamples=20")));
  }

  @Test
  void ticksAreTheSmallestMultipleAtOrAfterTheEpoch() {
    FeatureConfig config = FeatureConfig.defaults();
    long day = TimeUnits.MICROS_PER_DAY;
    assertEquals(10 * day, config.tickOf(10 * day));
    assertEquals(11 * day, config.tickOf(10 * day + 1));
    assertEquals(0, config.tickOf(-day + 1));
    assertEquals(-day, config.tickOf(-day));
    assertTrue(config.isTick(-3 * day));
    assertFalse(config.isTick(day - 1));
  }
}
