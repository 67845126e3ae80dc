package org.asperity.schemas.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (Avro 1.12 specification, "Single-object encoding"): the marker
 * {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema, then the
 * binary body. Encodes with the current schema; decodes any released version of the record into the
 * current class (schema resolution), so data from older producers still reads.
 *
 * <p>Thread-safe: Avro's message encoder and decoder keep per-thread buffers.
 */
public final class SingleObjectCodec<T extends SpecificRecord> {
  static final int HEADER_BYTES = 10;
  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;

  private final Class<T> type;
  private final Schema currentSchema;
  private final long currentFingerprint;
  private final List<ReleasedSchema> releasedVersions;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private SingleObjectCodec(Class<T> type) {
    AvroClassTrust.ensureInstalled();
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    this.currentSchema = model.getSchema(type);
    this.currentFingerprint = SchemaNormalization.parsingFingerprint64(currentSchema);
    this.releasedVersions = ReleasedSchemas.versionsOf(type.getSimpleName());
    if (releasedVersions.stream().noneMatch(r -> r.fingerprint() == currentFingerprint)) {
      // Writing a schema no reader can look up would strand the data: release it first.
      throw new IllegalStateException(
          "current schema of "
              + type.getSimpleName()
              + " is not among its released versions; add it to schemas/src/main/resources/org/asperity/schemas/released");
    }
    this.encoder = new BinaryMessageEncoder<>(model, currentSchema);
    this.decoder = new BinaryMessageDecoder<>(model, currentSchema);
    for (ReleasedSchema released : releasedVersions) {
      decoder.addSchema(released.schema());
    }
  }

  public static <T extends SpecificRecord> SingleObjectCodec<T> of(Class<T> type) {
    return new SingleObjectCodec<>(type);
  }

  public Class<T> type() {
    return type;
  }

  public Schema currentSchema() {
    return currentSchema;
  }

  public long currentFingerprint() {
    return currentFingerprint;
  }

  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] out = new byte[buffer.remaining()];
      buffer.get(out);
      return out;
    } catch (IOException e) {
      // Only the in-memory stream is written to; an IOException here is a bug, not bad input.
      throw new IllegalStateException("cannot encode " + type.getSimpleName(), e);
    }
  }

  /** Decodes {@code bytes} or says precisely why it cannot. */
  public T decode(byte[] bytes) throws WireFormatException {
    if (bytes == null || bytes.length < HEADER_BYTES) {
      throw new WireFormatException(
          WireFormatException.Reason.TOO_SHORT,
          (bytes == null ? "no value" : bytes.length + " bytes")
              + ", a single-object record needs at least "
              + HEADER_BYTES
              + " bytes of header");
    }
    if (bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
      throw new WireFormatException(
          WireFormatException.Reason.BAD_MARKER,
          String.format(
              "first bytes %02X %02X, expected C3 01 (Avro single-object encoding)",
              bytes[0], bytes[1]));
    }
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    // A loop, not a stream: this runs for every record read.
    ReleasedSchema writer = null;
    for (ReleasedSchema released : releasedVersions) {
      if (released.fingerprint() == fingerprint) {
        writer = released;
        break;
      }
    }
    if (writer == null) {
      Optional<ReleasedSchema> other = ReleasedSchemas.byFingerprint(fingerprint);
      if (other.isPresent()) {
        throw new WireFormatException(
            WireFormatException.Reason.WRONG_RECORD_TYPE,
            "record is a " + other.get() + ", expected " + type.getSimpleName());
      }
      throw new WireFormatException(
          WireFormatException.Reason.UNKNOWN_FINGERPRINT,
          String.format(
              "schema fingerprint %016x is not a released version of any Asperity record",
              fingerprint));
    }
    BinaryBoundsCheck.check(writer.schema(), bytes, HEADER_BYTES);
    try {
      return decoder.decode(bytes);
    } catch (IOException
        | AvroRuntimeException
        | IndexOutOfBoundsException
        | NegativeArraySizeException
        | IllegalArgumentException
        | ClassCastException e) {
      throw new WireFormatException(
          WireFormatException.Reason.CORRUPT_BODY,
          "body of "
              + bytes.length
              + " bytes does not decode as "
              + type.getSimpleName()
              + ": "
              + e,
          e);
    }
  }
}
