package org.asperity.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.asperity.schemas.testing.SampleRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StationKeyTest {

  @Test
  void anObservationIsKeyedByNetworkSlashStation() {
    StationKey key = StationKey.of(SampleRecords.observation("C001", SampleRecords.EPOCH, 0.01));

    assertEquals("sim-00/C001", key.format());
    assertArrayEquals("sim-00/C001".getBytes(StandardCharsets.UTF_8), key.toBytes());
  }

  @Test
  void parsingInvertsFormatting() {
    StationKey key = new StationKey("NGL", "LHAS");

    assertEquals(key, StationKey.parse(key.format()));
    assertEquals(key, StationKey.fromBytes(key.toBytes()));
  }

  @Test
  void nonAsciiStationCodesTravelAsUtf8() {
    StationKey key = new StationKey("réseau", "Ñuble");

    assertEquals(key, StationKey.fromBytes("réseau/Ñuble".getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"C001", "/C001", "sim-00/", "a/b/c", " /C001"})
  void malformedKeysAreRefusedWithTheReason(String key) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StationKey.parse(key));

    assertTrue(
        e.getMessage().contains("network") || e.getMessage().contains("station"), e.getMessage());
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StationKey.fromBytes(new byte[] {(byte) 0xC3, 0x28}));

    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }

  @Test
  void aSlashInsideAPartIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new StationKey("sim/00", "C001"));
  }
}
