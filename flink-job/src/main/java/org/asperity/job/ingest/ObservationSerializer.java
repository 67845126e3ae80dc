package org.asperity.job.ingest;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.asperity.job.types.BinaryFields;
import org.asperity.job.types.RecordSerializer;

/** Binary form of {@link Observation}. */
public final class ObservationSerializer extends RecordSerializer<Observation> {
  private static final long serialVersionUID = 1L;

  @Override
  public void serialize(Observation o, DataOutputView out) throws IOException {
    StringValue.writeString(o.stationKey(), out);
    out.writeLong(o.epochMicros());
    out.writeDouble(o.eastMeters());
    out.writeDouble(o.northMeters());
    out.writeDouble(o.upMeters());
    out.writeDouble(o.sigmaEastMeters());
    out.writeDouble(o.sigmaNorthMeters());
    out.writeDouble(o.sigmaUpMeters());
    out.writeLong(o.kafkaTimestampMillis());
    out.writeLong(o.partitionWatermarkMicros());
    out.writeInt(o.partition());
    out.writeLong(o.offset());
    BinaryFields.writeBytes(o.rawKey(), out);
    BinaryFields.writeBytes(o.rawValue(), out);
  }

  @Override
  public Observation deserialize(DataInputView in) throws IOException {
    return new Observation(
        StringValue.readString(in),
        in.readLong(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readLong(),
        in.readLong(),
        in.readInt(),
        in.readLong(),
        BinaryFields.readBytes(in),
        BinaryFields.readBytes(in));
  }

  @Override
  public TypeSerializerSnapshot<Observation> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: restoring recreates it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Observation> {
    public Snapshot() {
      super(ObservationSerializer::new);
    }
  }
}
