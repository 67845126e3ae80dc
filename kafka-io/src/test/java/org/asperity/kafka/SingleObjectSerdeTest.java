package org.asperity.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.testing.SampleRecords;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;
import org.junit.jupiter.api.Test;

class SingleObjectSerdeTest {
  private final SingleObjectSerializer<TtfAlert> alerts =
      new SingleObjectSerializer<>(Codecs.TTF_ALERT);
  private final SingleObjectDeserializer<GnssObservation> observations =
      new SingleObjectDeserializer<>(Codecs.GNSS_OBSERVATION);

  @Test
  void nullIsATombstoneBothWays() {
    assertNull(alerts.serialize("ttf.alerts", null));
    assertNull(observations.deserialize("gnss.observations", null));
  }

  @Test
  void aRecordOfAnotherTypeIsRefusedAsSuch() {
    byte[] alert = alerts.serialize("ttf.alerts", SampleRecords.alert());

    SingleObjectDeserializationException e =
        assertThrows(
            SingleObjectDeserializationException.class,
            () -> observations.deserialize("gnss.observations", alert));

    assertEquals(WireFormatException.Reason.WRONG_RECORD_TYPE, e.reason());
    assertEquals("gnss.observations", e.topic());
    assertEquals("GnssObservation", e.recordType());
    assertTrue(e.getMessage().contains("WRONG_RECORD_TYPE"), e.getMessage());
    assertTrue(e.getMessage().contains("TtfAlert"), e.getMessage());
  }

  @Test
  void tooFewBytesAreRefusedAsTooShort() {
    SingleObjectDeserializationException e =
        assertThrows(
            SingleObjectDeserializationException.class,
            () -> observations.deserialize("gnss.observations", new byte[] {(byte) 0xC3, 0x01, 0}));

    assertEquals(WireFormatException.Reason.TOO_SHORT, e.reason());
  }
}
