package org.asperity.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.testing.SampleRecords;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> SingleObjectCodec<T> codecFor(T record) {
    return SingleObjectCodec.of((Class<T>) record.getClass());
  }

  @Test
  void everyRecordRoundTrips() throws Exception {
    for (SpecificRecord record : SampleRecords.oneOfEach()) {
      SingleObjectCodec<SpecificRecord> codec = codecFor(record);
      byte[] bytes = codec.encode(record);
      assertEquals(record, codec.decode(bytes), record.getSchema().getName());
    }
  }

  @Test
  void headerIsMarkerThenLittleEndianFingerprint() {
    GnssObservation observation = SampleRecords.observation("C001", SampleRecords.EPOCH, 0.01);
    byte[] bytes = Codecs.GNSS_OBSERVATION.encode(observation);
    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals((byte) 0x01, bytes[1]);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(
        org.apache.avro.SchemaNormalization.parsingFingerprint64(GnssObservation.getClassSchema()),
        fingerprint);
  }

  @Test
  void emptyAndShortValuesAreTooShort() {
    assertReason(WireFormatException.Reason.TOO_SHORT, new byte[0]);
    assertReason(WireFormatException.Reason.TOO_SHORT, null);
    assertReason(WireFormatException.Reason.TOO_SHORT, new byte[] {(byte) 0xC3, 1, 2});
  }

  @Test
  void wrongMarkerIsNamed() {
    WireFormatException e =
        assertReason(WireFormatException.Reason.BAD_MARKER, "{\"station\":\"C001\"}".getBytes());
    assertTrue(e.getMessage().contains("7B 22"), e.getMessage());
  }

  @Test
  void unknownFingerprintIsNamed() {
    byte[] bytes =
        Codecs.GNSS_OBSERVATION.encode(
            SampleRecords.observation("C001", SampleRecords.EPOCH, 0.01));
    bytes[5] ^= 0x5A;
    WireFormatException e = assertReason(WireFormatException.Reason.UNKNOWN_FINGERPRINT, bytes);
    assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
  }

  @Test
  void anotherRecordTypeIsNamed() {
    byte[] alert = Codecs.TTF_ALERT.encode(SampleRecords.alert());
    WireFormatException e = assertReason(WireFormatException.Reason.WRONG_RECORD_TYPE, alert);
    assertTrue(e.getMessage().contains("TtfAlert"), e.getMessage());
  }

  @Test
  void truncatedBodyIsCorrupt() {
    byte[] bytes =
        Codecs.GNSS_OBSERVATION.encode(
            SampleRecords.observation("C001", SampleRecords.EPOCH, 0.01));
    assertReason(WireFormatException.Reason.CORRUPT_BODY, Arrays.copyOf(bytes, bytes.length - 9));
  }

  @Test
  void randomBytesNeverEscapeAsUntypedErrors() {
    Random random = new Random(42);
    Set<WireFormatException.Reason> seen = EnumSet.noneOf(WireFormatException.Reason.class);
    byte[] valid = Codecs.TTF_ALERT.encode(SampleRecords.alert());
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes;
      if (i % 2 == 0) {
        bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
      } else {
        // Valid header, mangled body: exercises Avro's decoder on garbage.
        bytes = valid.clone();
        for (int k = 0; k < 1 + random.nextInt(6); k++) {
          int at =
              SingleObjectCodec.HEADER_BYTES
                  + random.nextInt(bytes.length - SingleObjectCodec.HEADER_BYTES);
          bytes[at] = (byte) random.nextInt(256);
        }
        bytes = Arrays.copyOf(bytes, SingleObjectCodec.HEADER_BYTES + random.nextInt(bytes.length));
      }
      try {
        TtfAlert decoded = Codecs.TTF_ALERT.decode(bytes);
        // A mangled body may still decode: then it must re-encode to a valid record.
        Codecs.TTF_ALERT.decode(Codecs.TTF_ALERT.encode(decoded));
      } catch (WireFormatException e) {
        seen.add(e.reason());
      }
    }
    assertTrue(
        seen.containsAll(
            EnumSet.of(
                WireFormatException.Reason.TOO_SHORT,
                WireFormatException.Reason.BAD_MARKER,
                WireFormatException.Reason.CORRUPT_BODY)),
        "reasons seen: " + seen);
  }

  @Test
  void hugeLengthPrefixIsRejectedBeforeAllocating() {
    // station = a string whose length prefix claims ~1 GiB: Avro would try to allocate it.
    byte[] valid =
        Codecs.GNSS_OBSERVATION.encode(
            SampleRecords.observation("C001", SampleRecords.EPOCH, 0.01));
    byte[] bytes = Arrays.copyOf(valid, valid.length);
    byte[] hugeLength = {
      (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07
    }; // zig-zag 2^30 - 1
    byte[] mangled = new byte[bytes.length + hugeLength.length - 1];
    System.arraycopy(bytes, 0, mangled, 0, SingleObjectCodec.HEADER_BYTES);
    System.arraycopy(hugeLength, 0, mangled, SingleObjectCodec.HEADER_BYTES, hugeLength.length);
    System.arraycopy(
        bytes,
        SingleObjectCodec.HEADER_BYTES + 1,
        mangled,
        SingleObjectCodec.HEADER_BYTES + hugeLength.length,
        bytes.length - SingleObjectCodec.HEADER_BYTES - 1);
    WireFormatException e = assertReason(WireFormatException.Reason.CORRUPT_BODY, mangled);
    assertTrue(e.getMessage().contains("string length 1073741823"), e.getMessage());
  }

  @Test
  void trailingBytesAreCorrupt() {
    byte[] bytes =
        Codecs.GNSS_OBSERVATION.encode(
            SampleRecords.observation("C001", SampleRecords.EPOCH, 0.01));
    assertReason(WireFormatException.Reason.CORRUPT_BODY, Arrays.copyOf(bytes, bytes.length + 3));
  }

  /**
   * The bytes on the wire are fixed by the released schema: an encoding stored once must not move.
   * After a deliberate change to the sample record, store the new one with {@code
   * -Dasperity.golden.rewrite=true}.
   */
  @Test
  void encodingIsTheStoredBytes() throws Exception {
    String hex = HexFormat.of().formatHex(Codecs.EARTHQUAKE_EVENT.encode(SampleRecords.event()));
    Path stored = Path.of("src/test/resources/org/asperity/schemas/wire/earthquake-event.hex");
    if (Boolean.getBoolean("asperity.golden.rewrite")) {
      Files.createDirectories(stored.getParent());
      Files.writeString(stored, hex + "\n");
    }
    assertEquals(Files.readString(stored), hex + "\n");
  }

  private static WireFormatException assertReason(WireFormatException.Reason reason, byte[] bytes) {
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> Codecs.GNSS_OBSERVATION.decode(bytes));
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }
}
