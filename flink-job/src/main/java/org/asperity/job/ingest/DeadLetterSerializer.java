package org.asperity.job.ingest;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.asperity.job.types.BinaryFields;
import org.asperity.job.types.RecordSerializer;
import org.asperity.schemas.DeadLetterReason;

/** Binary form of {@link DeadLetterRecord}. */
public final class DeadLetterSerializer extends RecordSerializer<DeadLetterRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void serialize(DeadLetterRecord d, DataOutputView out) throws IOException {
    StringValue.writeString(d.reason().name(), out);
    StringValue.writeString(d.detail(), out);
    StringValue.writeString(d.sourceTopic(), out);
    out.writeInt(d.sourcePartition());
    out.writeLong(d.sourceOffset());
    out.writeLong(d.sourceTimestampMillis());
    StringValue.writeString(d.station(), out);
    BinaryFields.writeBytes(d.key(), out);
    BinaryFields.writeBytes(d.value(), out);
  }

  @Override
  public DeadLetterRecord deserialize(DataInputView in) throws IOException {
    return new DeadLetterRecord(
        DeadLetterReason.valueOf(StringValue.readString(in)),
        StringValue.readString(in),
        StringValue.readString(in),
        in.readInt(),
        in.readLong(),
        in.readLong(),
        StringValue.readString(in),
        BinaryFields.readBytes(in),
        BinaryFields.readBytes(in));
  }

  @Override
  public TypeSerializerSnapshot<DeadLetterRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: restoring recreates it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeadLetterRecord> {
    public Snapshot() {
      super(DeadLetterSerializer::new);
    }
  }
}
