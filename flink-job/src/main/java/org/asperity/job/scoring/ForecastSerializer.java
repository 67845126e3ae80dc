package org.asperity.job.scoring;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.asperity.job.types.BinaryFields;
import org.asperity.job.types.RecordSerializer;

/** Binary form of {@link Forecast}. */
public final class ForecastSerializer extends RecordSerializer<Forecast> {
  private static final long serialVersionUID = 1L;

  @Override
  public void serialize(Forecast f, DataOutputView out) throws IOException {
    StringValue.writeString(f.region(), out);
    out.writeLong(f.windowEndMicros());
    out.writeDouble(f.ttfP10Days());
    out.writeDouble(f.ttfP50Days());
    out.writeDouble(f.ttfP90Days());
    out.writeDouble(f.momentMagnitude());
    out.writeDouble(f.magnitudeThreshold());
    StringValue.writeString(f.modelVersion(), out);
    StringValue.writeString(f.featureHash(), out);
    out.writeInt(f.stationsUsed());
    out.writeInt(f.stationsExpected());
    BinaryFields.writeStrings(f.missingStations(), out);
    out.writeLong(f.newestKafkaTimestampMillis());
    StringValue.writeString(f.caveat(), out);
  }

  @Override
  public Forecast deserialize(DataInputView in) throws IOException {
    return new Forecast(
        StringValue.readString(in),
        in.readLong(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        StringValue.readString(in),
        StringValue.readString(in),
        in.readInt(),
        in.readInt(),
        BinaryFields.readStrings(in),
        in.readLong(),
        StringValue.readString(in));
  }

  @Override
  public TypeSerializerSnapshot<Forecast> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: restoring recreates it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Forecast> {
    public Snapshot() {
      super(ForecastSerializer::new);
    }
  }
}
