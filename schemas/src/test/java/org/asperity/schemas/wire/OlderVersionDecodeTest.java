package org.asperity.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.testing.SampleRecords;
import org.junit.jupiter.api.Test;

/** Data written by a producer still on an older released schema decodes into today's classes. */
class OlderVersionDecodeTest {

  @Test
  void gnssObservationWrittenWithV1DecodesWithCoordinatesUnset() throws Exception {
    Schema v1 = ReleasedSchemas.versionsOf("GnssObservation").get(0).schema();
    assertFalse(
        SchemaNormalization.parsingFingerprint64(v1)
            == Codecs.GNSS_OBSERVATION.currentFingerprint(),
        "v1 must differ from the current schema for this test to mean anything");
    GenericRecord old = new GenericData.Record(v1);
    old.put("station", "LHAS");
    old.put("network", "NGL");
    old.put("epoch", Instant.parse("1995-05-19T12:00:00Z").toEpochMilli() * 1000);
    old.put("eastMeters", 0.0123);
    old.put("northMeters", -0.0045);
    old.put("upMeters", 0.0201);
    old.put("sigmaEastMeters", 0.0022);
    old.put("sigmaNorthMeters", 0.0019);
    old.put("sigmaUpMeters", 0.0086);
    old.put("source", new GenericData.EnumSymbol(v1.getField("source").schema(), "REPLAY"));
    byte[] bytes =
        toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old));

    GnssObservation decoded = Codecs.GNSS_OBSERVATION.decode(bytes);

    assertEquals("LHAS", decoded.getStation());
    assertEquals(Instant.parse("1995-05-19T12:00:00Z"), decoded.getEpoch());
    assertEquals(0.0123, decoded.getEastMeters());
    assertEquals(0.0086, decoded.getSigmaUpMeters());
    assertEquals(ObservationSource.REPLAY, decoded.getSource());
    assertNull(decoded.getLatitudeDegrees());
    assertNull(decoded.getLongitudeDegrees());
  }

  @Test
  void everyOlderReleasedVersionOfEveryRecordDecodes() throws Exception {
    List<String> checked = new ArrayList<>();
    for (SpecificRecord sample : SampleRecords.oneOfEach()) {
      Schema current = sample.getSchema();
      SingleObjectCodec<?> codec =
          SingleObjectCodec.of(sample.getClass().asSubclass(SpecificRecord.class));
      for (ReleasedSchema released : ReleasedSchemas.versionsOf(current.getName())) {
        // Re-write today's sample with the older schema (fields it lacks are dropped), as an old
        // producer would have.
        GenericRecord old = new GenericData.Record(released.schema());
        for (Schema.Field field : released.schema().getFields()) {
          old.put(field.name(), sample.get(current.getField(field.name()).pos()));
        }
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(
            new org.apache.avro.data.TimeConversions.TimestampMicrosConversion());
        byte[] bytes =
            toBytes(new BinaryMessageEncoder<GenericRecord>(model, released.schema()).encode(old));
        SpecificRecord decoded = codec.decode(bytes);
        for (Schema.Field field : released.schema().getFields()) {
          assertEquals(
              sample.get(current.getField(field.name()).pos()),
              decoded.get(current.getField(field.name()).pos()),
              released + "." + field.name());
        }
        checked.add(released.toString());
      }
    }
    assertTrue(checked.contains("GnssObservation v1"), checked.toString());
  }

  private static byte[] toBytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }
}
