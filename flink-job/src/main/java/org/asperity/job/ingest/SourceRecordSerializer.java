package org.asperity.job.ingest;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.asperity.job.types.BinaryFields;
import org.asperity.job.types.RecordSerializer;

/**
 * Binary form of {@link SourceRecord}: coordinates and raw bytes, decoded again when read (decoding
 * is a pure function of the bytes).
 */
public final class SourceRecordSerializer extends RecordSerializer<SourceRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void serialize(SourceRecord r, DataOutputView out) throws IOException {
    StringValue.writeString(r.topic(), out);
    out.writeInt(r.partition());
    out.writeLong(r.offset());
    out.writeLong(r.kafkaTimestampMillis());
    BinaryFields.writeBytes(r.key(), out);
    BinaryFields.writeBytes(r.value(), out);
  }

  @Override
  public SourceRecord deserialize(DataInputView in) throws IOException {
    String topic = StringValue.readString(in);
    int partition = in.readInt();
    long offset = in.readLong();
    long timestamp = in.readLong();
    byte[] key = BinaryFields.readBytes(in);
    byte[] value = BinaryFields.readBytes(in);
    return ObservationDecoder.decode(topic, partition, offset, timestamp, key, value);
  }

  @Override
  public TypeSerializerSnapshot<SourceRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: restoring recreates it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SourceRecord> {
    public Snapshot() {
      super(SourceRecordSerializer::new);
    }
  }
}
