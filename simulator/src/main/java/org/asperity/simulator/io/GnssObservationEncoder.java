package org.asperity.simulator.io;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;

/**
 * Encodes {@link GnssObservation} records straight from the simulator's arrays, without building a
 * record object per observation: the same bytes as Avro's {@code SpecificDatumWriter} (fields in
 * schema order: station, network, epoch micros, E/N/U, three sigmas, source, then the station's
 * latitude and longitude as the non-null branch of their unions; Avro binary encoding: zig-zag
 * varints, little-endian IEEE doubles, length-prefixed UTF-8), at a fraction of the cost.
 */
final class GnssObservationEncoder implements DatumWriter<GnssObservationEncoder.Row> {
  /** Upper bound of an encoded record apart from the two strings. */
  static final int FIXED_BYTES_MAX = 10 + 6 * 8 + 1 + 2 * (1 + 8);

  /** Zig-zag varint of union branch 1 (the double of {@code ["null", "double"]}). */
  private static final byte UNION_DOUBLE = 2;

  private static final VarHandle DOUBLE_LE =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int SIMULATED = ObservationSource.SIMULATED.ordinal();

  /** One observation to encode; strings are given pre-encoded (see {@link #avroString}). */
  static final class Row {
    byte[] station;
    byte[] network;
    long epochMicros;
    double east;
    double north;
    double up;
    double sigmaEast;
    double sigmaNorth;
    double sigmaUp;
    double latitude;
    double longitude;
  }

  /** Avro binary encoding of a string: zig-zag varint length, then UTF-8 bytes. */
  static byte[] avroString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[10 + utf8.length];
    int n = writeLong(utf8.length, buffer, 0);
    System.arraycopy(utf8, 0, buffer, n, utf8.length);
    return java.util.Arrays.copyOf(buffer, n + utf8.length);
  }

  /** Encodes a row into {@code out} from position 0; returns the length. */
  static int encode(Row row, byte[] out) {
    System.arraycopy(row.station, 0, out, 0, row.station.length);
    int p = row.station.length;
    System.arraycopy(row.network, 0, out, p, row.network.length);
    p += row.network.length;
    p = writeLong(row.epochMicros, out, p);
    DOUBLE_LE.set(out, p, row.east);
    DOUBLE_LE.set(out, p + 8, row.north);
    DOUBLE_LE.set(out, p + 16, row.up);
    DOUBLE_LE.set(out, p + 24, row.sigmaEast);
    DOUBLE_LE.set(out, p + 32, row.sigmaNorth);
    DOUBLE_LE.set(out, p + 40, row.sigmaUp);
    p += 48;
    p = writeLong(SIMULATED, out, p);
    out[p] = UNION_DOUBLE;
    DOUBLE_LE.set(out, p + 1, row.latitude);
    out[p + 9] = UNION_DOUBLE;
    DOUBLE_LE.set(out, p + 10, row.longitude);
    return p + 18;
  }

  /** Zig-zag varint, as Avro's BinaryData.encodeLong. */
  private static int writeLong(long value, byte[] out, int position) {
    long n = (value << 1) ^ (value >> 63);
    int p = position;
    while ((n & ~0x7FL) != 0) {
      out[p++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    out[p++] = (byte) n;
    return p;
  }

  @Override
  public void setSchema(Schema schema) {
    if (!schema.equals(GnssObservation.getClassSchema())) {
      throw new IllegalArgumentException("encoder is bound to the current GnssObservation schema");
    }
  }

  @Override
  public void write(Row row, Encoder out) throws IOException {
    byte[] buffer = new byte[row.station.length + row.network.length + FIXED_BYTES_MAX];
    int length = encode(row, buffer);
    out.writeFixed(buffer, 0, length);
  }
}
