package org.asperity.kafka;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.asperity.schemas.wire.SingleObjectCodec;
import org.asperity.schemas.wire.WireFormatException;

/**
 * Reads an Avro single-object-encoded Kafka value (or key) as the current version of its record,
 * whichever released version wrote it. Null stays null (a tombstone on a compacted topic).
 * Unreadable bytes raise {@link SingleObjectDeserializationException} with the reason; the consumer
 * wraps it in a {@code RecordDeserializationException} that names partition and offset.
 */
public final class SingleObjectDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  private final SingleObjectCodec<T> codec;

  public SingleObjectDeserializer(SingleObjectCodec<T> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return codec.decode(data);
    } catch (WireFormatException e) {
      throw new SingleObjectDeserializationException(topic, codec.type().getSimpleName(), e);
    }
  }
}
