package org.asperity.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {
  /**
   * The default configuration's canonical text, asserted literally so the golden hash below is
   * derived from it.
   */
  private static final String DEFAULT_CONFIG_CANONICAL =
      "tickIntervalMicros=86400000000;shortWindowSamples=30;"
          + "mediumWindowSamples=365;longWindowSamples=3650;jumpThresholdSigma=5.0;eventMinStations=3;"
          + "eventCoincidenceTicks=3;releaseMinSlipMeters=0.05;releaseRelativeSlip=0.3;inversionDamping=1.0E-4;"
          + "swathMinTrenchDistanceKm=70.0;swathMaxTrenchDistanceKm=85.0;rigidityPascals=3.0E10";

  /**
   * SHA-256 of "asperity-features schema v1\n" + "config " + DEFAULT_CONFIG_CANONICAL + "\n" + each
   * line of feature-names-default-A1-A2.txt with "\n": both inputs are asserted in this class, so
   * this value changes exactly when they do.
   */
  private static final String GOLDEN_HASH =
      "0518ca4dba2e38967ff091e5bd92dabad09d2d119123f167b35f7b7a905b4e3a";

  private static List<String> expectedNames() throws IOException {
    try (InputStream in =
        FeatureSchemaTest.class.getResourceAsStream("feature-names-default-A1-A2.txt")) {
      assertNotNull(in);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return List.of(text.split("\n"));
    }
  }

  @Test
  void namesFollowTheDocumentedOrder() throws IOException {
    FeatureSchema schema = new FeatureSchema(FeatureConfig.defaults(), List.of("A1", "A2"));
    assertEquals(expectedNames(), schema.names());
    assertEquals(152, schema.size());
    assertEquals(0, schema.indexOf("coast.w30.rateTrenchNormal.median.mmPerYr"));
    assertEquals(-1, schema.indexOf("no.such.feature"));
  }

  @Test
  void hashIsSha256OfTheCanonicalTextAndMatchesTheGoldenValue()
      throws IOException, NoSuchAlgorithmException {
    FeatureConfig config = FeatureConfig.defaults();
    assertEquals(DEFAULT_CONFIG_CANONICAL, config.canonicalString());
    FeatureSchema schema = new FeatureSchema(config, List.of("A1", "A2"));
    StringBuilder canonical =
        new StringBuilder("asperity-features schema v1\nconfig ")
            .append(DEFAULT_CONFIG_CANONICAL)
            .append('\n');
    for (String name : expectedNames()) {
      canonical.append(name).append('\n');
    }
    assertEquals(canonical.toString(), schema.canonicalString());
    String independent =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    assertEquals(independent, schema.hash());
    assertEquals(GOLDEN_HASH, schema.hash());
    assertEquals(
        schema.hash(),
        new FeatureSchema(FeatureConfig.defaults(), List.of("A1", "A2")).hash(),
        "stable");
  }

  @Test
  void hashChangesWhenANameTheOrderOrTheConfigurationChanges() {
    FeatureConfig config = FeatureConfig.defaults();
    FeatureSchema schema = new FeatureSchema(config, List.of("A1", "A2"));
    List<String> swapped = new ArrayList<>(schema.names());
    Collections.swap(swapped, 3, 4);
    assertNotEquals(
        schema.hash(), FeatureSchema.hashOf(FeatureSchema.canonicalString(config, swapped)));
    List<String> renamed = new ArrayList<>(schema.names());
    renamed.set(10, renamed.get(10) + "X");
    assertNotEquals(
        schema.hash(), FeatureSchema.hashOf(FeatureSchema.canonicalString(config, renamed)));
    assertEquals(
        schema.hash(), FeatureSchema.hashOf(FeatureSchema.canonicalString(config, schema.names())));
    assertNotEquals(schema.hash(), new FeatureSchema(config, List.of("A2", "A1")).hash());
    assertNotEquals(schema.hash(), new FeatureSchema(config, List.of("A1", "A2", "A3")).hash());
    assertNotEquals(
        schema.hash(),
        new FeatureSchema(config.toBuilder().windows(20, 365, 3650).build(), List.of("A1", "A2"))
            .hash());
    assertNotEquals(
        schema.hash(),
        new FeatureSchema(config.toBuilder().jumpThresholdSigma(4.5).build(), List.of("A1", "A2"))
            .hash());
  }

  @Test
  void namesAreUniqueAndCarryWindowLengthsFromTheConfiguration() {
    FeatureSchema schema =
        new FeatureSchema(
            FeatureConfig.builder().windows(7, 90, 1000).build(), List.of("x", "y", "z"));
    assertTrue(schema.indexOf("inland.w90.rateVertical.mean.mmPerYr") >= 0);
    assertTrue(schema.indexOf("asperity.z.slipOn.x.sinceRelease.m") >= 0);
    assertTrue(schema.indexOf("asperity.x.deficitRateChange.t7MinusT1000.mPerYr") >= 0);
    assertEquals(schema.size(), new java.util.HashSet<>(schema.names()).size());
  }
}
