package org.asperity.job.io;

import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.asperity.model.ModelSigning;

/**
 * Raw values of the models topic with their signature header, framed by {@link #frame}: decoding,
 * signature and validation checks happen in the scoring operator, which logs why a release is
 * rejected. Tombstones (null values of the compacted topic) are skipped.
 */
public final class ModelReleaseDeserializer implements KafkaRecordDeserializationSchema<byte[]> {
  private static final long serialVersionUID = 1L;

  /** A longer signature header is not an Ed25519 signature (64 bytes): it is dropped. */
  static final int MAX_SIGNATURE_BYTES = 255;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<byte[]> out) {
    if (record.value() != null) {
      Header header = record.headers().lastHeader(ModelSigning.RELEASE_SIGNATURE_HEADER);
      out.collect(frame(header == null ? null : header.value(), record.value()));
    }
  }

  /**
   * One byte array for a release and its signature (null for none): the signature's length (one
   * unsigned byte, 0 for none), the signature, the release value.
   */
  public static byte[] frame(byte[] signature, byte[] release) {
    byte[] sig =
        signature == null || signature.length > MAX_SIGNATURE_BYTES ? new byte[0] : signature;
    byte[] framed = new byte[1 + sig.length + release.length];
    framed[0] = (byte) sig.length;
    System.arraycopy(sig, 0, framed, 1, sig.length);
    System.arraycopy(release, 0, framed, 1 + sig.length, release.length);
    return framed;
  }

  /** The signature of a {@link #frame}, empty for none. */
  public static byte[] signature(byte[] framed) {
    if (framed.length == 0) {
      return framed;
    }
    return Arrays.copyOfRange(framed, 1, 1 + signatureLength(framed));
  }

  /** The release value of a {@link #frame}. */
  public static byte[] release(byte[] framed) {
    if (framed.length == 0) {
      return framed;
    }
    return Arrays.copyOfRange(framed, 1 + signatureLength(framed), framed.length);
  }

  private static int signatureLength(byte[] framed) {
    if (framed.length == 0) {
      return 0;
    }
    return Math.min(framed[0] & 0xff, framed.length - 1);
  }

  @Override
  public TypeInformation<byte[]> getProducedType() {
    return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
  }
}
