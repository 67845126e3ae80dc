package org.asperity.kafka;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.asperity.schemas.wire.SingleObjectCodec;

/**
 * Writes a record as an Avro single-object-encoded Kafka value (or key). Null stays null (a
 * tombstone).
 */
public final class SingleObjectSerializer<T extends SpecificRecord> implements Serializer<T> {
  private final SingleObjectCodec<T> codec;

  public SingleObjectSerializer(SingleObjectCodec<T> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  public byte[] serialize(String topic, T record) {
    return record == null ? null : codec.encode(record);
  }
}
