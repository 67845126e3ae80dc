package org.asperity.job.features;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.asperity.features.StationSnapshot;
import org.asperity.job.types.RecordSerializer;

/** Binary form of {@link SnapshotRecord}. */
public final class SnapshotSerializer extends RecordSerializer<SnapshotRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void serialize(SnapshotRecord s, DataOutputView out) throws IOException {
    StringValue.writeString(s.region(), out);
    out.writeLong(s.newestKafkaTimestampMillis());
    s.snapshot().writeTo(out);
  }

  @Override
  public SnapshotRecord deserialize(DataInputView in) throws IOException {
    String region = StringValue.readString(in);
    long timestamp = in.readLong();
    return new SnapshotRecord(region, StationSnapshot.readFrom(in), timestamp);
  }

  @Override
  public TypeSerializerSnapshot<SnapshotRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: restoring recreates it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SnapshotRecord> {
    public Snapshot() {
      super(SnapshotSerializer::new);
    }
  }
}
