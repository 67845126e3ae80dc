package org.asperity.job.features;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.asperity.job.types.BinaryFields;
import org.asperity.job.types.RecordSerializer;

/** Binary form of {@link RegionFeatures}. */
public final class RegionFeaturesSerializer extends RecordSerializer<RegionFeatures> {
  private static final long serialVersionUID = 1L;

  @Override
  public void serialize(RegionFeatures f, DataOutputView out) throws IOException {
    StringValue.writeString(f.region(), out);
    out.writeLong(f.tickMicros());
    out.writeInt(f.size());
    for (int i = 0; i < f.size(); i++) {
      out.writeDouble(f.value(i));
    }
    out.writeInt(f.stationsUsed());
    out.writeInt(f.stationsExpected());
    BinaryFields.writeStrings(f.missingStations(), out);
    out.writeLong(f.newestKafkaTimestampMillis());
  }

  @Override
  public RegionFeatures deserialize(DataInputView in) throws IOException {
    String region = StringValue.readString(in);
    long tick = in.readLong();
    double[] values = new double[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
    return new RegionFeatures(
        region,
        tick,
        values,
        in.readInt(),
        in.readInt(),
        BinaryFields.readStrings(in),
        in.readLong());
  }

  @Override
  public TypeSerializerSnapshot<RegionFeatures> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: restoring recreates it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RegionFeatures> {
    public Snapshot() {
      super(RegionFeaturesSerializer::new);
    }
  }
}
