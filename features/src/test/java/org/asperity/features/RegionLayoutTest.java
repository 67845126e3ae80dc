package org.asperity.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionLayoutTest {

  @Test
  void jsonRoundTripIsExact() {
    RegionLayout layout = SyntheticRegion.create(8, 9, 3, 1).layout;
    String json = layout.toJson();
    RegionLayout back = RegionLayout.fromJson(json);
    assertEquals(layout.layoutHash(), back.layoutHash());
    assertEquals(layout.stations(), back.stations());
    assertEquals(layout.asperities(), back.asperities());
    double[][] a = layout.deficitBasis();
    double[][] b = back.deficitBasis();
    for (int r = 0; r < a.length; r++) {
      assertArrayEquals(a[r], b[r], 0.0);
    }
    assertEquals(json, back.toJson());
    assertEquals(17, back.stationCount());
    assertEquals(List.of("A1", "A2", "A3"), back.asperityIds());
    assertEquals(3, back.stationIndex("I001") - back.stationIndex("C006"));
    assertEquals(-1, back.stationIndex("NOPE"));
  }

  /**
   * The JSON is embedded in released models, so its bytes must not drift. Regenerate the stored
   * form deliberately with {@code -Dasperity.golden.rewrite=true}.
   */
  @Test
  void jsonIsTheStoredForm() throws Exception {
    String json = SyntheticRegion.create(3, 2, 2, 7).layout.toJson();
    Path stored = Path.of("src/test/resources/org/asperity/features/region-layout.json");
    if (Boolean.getBoolean("asperity.golden.rewrite")) {
      Files.writeString(stored, json);
    }
    assertEquals(Files.readString(stored), json);
    assertEquals(json, RegionLayout.fromJson(json).toJson());
  }

  @Test
  void hashIsLowercaseSha256AndChangesWithAnyValue() {
    RegionLayout layout = SyntheticRegion.create(4, 4, 2, 2).layout;
    assertTrue(layout.layoutHash().matches("[0-9a-f]{64}"));
    double[][] deficit = layout.deficitBasis();
    deficit[5][1] = Math.nextUp(deficit[5][1]);
    RegionLayout changed =
        new RegionLayout(
            layout.region(),
            layout.trenchNormalAzimuthDeg(),
            layout.stations(),
            layout.asperities(),
            deficit,
            layout.coseismicBasis());
    assertNotEquals(layout.layoutHash(), changed.layoutHash());
    RegionLayout rotated =
        new RegionLayout(
            layout.region(),
            91.0,
            layout.stations(),
            layout.asperities(),
            layout.deficitBasis(),
            layout.coseismicBasis());
    assertNotEquals(layout.layoutHash(), rotated.layoutHash());
    assertEquals(
        layout.layoutHash(),
        new RegionLayout(
                layout.region(),
                layout.trenchNormalAzimuthDeg(),
                layout.stations(),
                layout.asperities(),
                layout.deficitBasis(),
                layout.coseismicBasis())
            .layoutHash());
  }

  @Test
  void rejectsInvalidLayouts() {
    RegionLayout layout = SyntheticRegion.create(3, 3, 2, 3).layout;
    assertThrows(IllegalArgumentException.class, () -> RegionLayout.fromJson("{not json"));
    assertThrows(IllegalArgumentException.class, () -> RegionLayout.fromJson("{}"));
    assertThrows(IllegalArgumentException.class, () -> RegionLayout.fromJson("[]"));
    String json = layout.toJson();
    assertThrows(
        IllegalArgumentException.class,
        () -> RegionLayout.fromJson(json.replace("\"formatVersion\":1", "\"formatVersion\":2")));
    assertThrows(
        IllegalArgumentException.class,
        () -> RegionLayout.fromJson(json.replace("\"C002\"", "\"C001\"")));
    assertThrows(
        IllegalArgumentException.class,
        () -> RegionLayout.fromJson(json.replace("\"A2\"", "\"A 2\"")));
    assertThrows(
        IllegalArgumentException.class,
        () -> RegionLayout.fromJson(json.replace("\"region\":", "\"regionName\":")));
    assertThrows(
        IllegalArgumentException.class,
        () -> RegionLayout.fromJson(json.replace("\"northKm\":50.0", "\"northKm\":\"50.0\"")));
    assertThrows(
        IllegalArgumentException.class,
        () -> RegionLayout.fromJson(json.replace("\"coastal\":true", "\"coastal\":null")));
    double[][] shortBasis = new double[3][3];
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RegionLayout(
                "r",
                90,
                layout.stations(),
                layout.asperities(),
                shortBasis,
                layout.coseismicBasis()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RegionLayout.Station("X", 0, 0, true, 10, 0.0, 0.002, 0.005));
  }
}
