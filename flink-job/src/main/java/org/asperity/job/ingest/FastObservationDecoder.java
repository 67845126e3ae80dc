package org.asperity.job.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.asperity.job.types.Micros;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.wire.Codecs;

/**
 * A direct reader of the one record layout that makes up almost all the traffic: a {@code
 * GnssObservation} written with the current schema (Avro 1.12 specification, "Binary Encoding":
 * zig-zag varints, little-endian IEEE doubles, length-prefixed UTF-8 strings, enum and union
 * indexes as varints). It reads exactly what Avro's decoder would, into the same record, and gives
 * up (returns null) on anything else: another fingerprint, an index out of range, a length that
 * does not fit, a byte left over. The caller then decodes with the schemas module's codec, which
 * says precisely what is wrong or resolves an older schema. Profiling showed Avro's generic decoder
 * (schema walk, bounds check, boxing) as a large part of the source's cost.
 */
final class FastObservationDecoder {
  private static final long CURRENT_FINGERPRINT = Codecs.GNSS_OBSERVATION.currentFingerprint();
  private static final int HEADER_BYTES = 10;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE_LE =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
  private static final ObservationSource[] SOURCES = ObservationSource.values();

  private final byte[] bytes;
  private int position;

  private FastObservationDecoder(byte[] bytes) {
    this.bytes = bytes;
    this.position = HEADER_BYTES;
  }

  /** The observation, or null when these bytes are not a well-formed current-schema observation. */
  static GnssObservation decode(byte[] bytes) {
    if (bytes == null
        || bytes.length < HEADER_BYTES + 2
        || bytes[0] != (byte) 0xC3
        || bytes[1] != 0x01
        || (long) LONG_LE.get(bytes, 2) != CURRENT_FINGERPRINT) {
      return null;
    }
    return new FastObservationDecoder(bytes).read();
  }

  private GnssObservation read() {
    String station = string();
    String network = station == null ? null : string();
    if (network == null) {
      return null;
    }
    long epoch = varLong();
    if (position < 0 || position + 48 > bytes.length) {
      return null;
    }
    double east = doubleAt(0);
    double north = doubleAt(8);
    double up = doubleAt(16);
    double sigmaEast = doubleAt(24);
    double sigmaNorth = doubleAt(32);
    double sigmaUp = doubleAt(40);
    position += 48;
    long source = varLong();
    if (position < 0 || source < 0 || source >= SOURCES.length) {
      return null;
    }
    Double latitude = optionalDouble();
    if (position < 0) {
      return null;
    }
    Double longitude = optionalDouble();
    if (position != bytes.length) {
      return null;
    }
    Instant instant = Micros.toInstant(epoch);
    GnssObservation o = new GnssObservation();
    o.setStation(station);
    o.setNetwork(network);
    o.setEpoch(instant);
    o.setEastMeters(east);
    o.setNorthMeters(north);
    o.setUpMeters(up);
    o.setSigmaEastMeters(sigmaEast);
    o.setSigmaNorthMeters(sigmaNorth);
    o.setSigmaUpMeters(sigmaUp);
    o.setSource(SOURCES[(int) source]);
    o.setLatitudeDegrees(latitude);
    o.setLongitudeDegrees(longitude);
    return o;
  }

  private double doubleAt(int offset) {
    return (double) DOUBLE_LE.get(bytes, position + offset);
  }

  /** A string, or null (and position -1) when its length does not fit. */
  private String string() {
    long length = varLong();
    if (position < 0 || length < 0 || length > bytes.length - position) {
      position = -1;
      return null;
    }
    String s = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
    position += (int) length;
    return s;
  }

  /** A {@code ["null", "double"]} union; sets position -1 on a bad branch or missing bytes. */
  private Double optionalDouble() {
    long branch = varLong();
    if (position < 0) {
      return null;
    }
    if (branch == 0) {
      return null;
    }
    if (branch != 1 || position + 8 > bytes.length) {
      position = -1;
      return null;
    }
    double value = doubleAt(0);
    position += 8;
    return value;
  }

  /** A zig-zag varint of at most 10 bytes; sets position -1 when malformed or cut off. */
  private long varLong() {
    long raw = 0;
    int shift = 0;
    for (int i = 0; i < 10; i++) {
      if (position < 0 || position >= bytes.length) {
        position = -1;
        return 0;
      }
      int b = bytes[position++] & 0xFF;
      raw |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
      shift += 7;
    }
    position = -1;
    return 0;
  }
}
