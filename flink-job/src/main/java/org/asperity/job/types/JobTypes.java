package org.asperity.job.types;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.asperity.features.StationSnapshot;
import org.asperity.job.alerts.Alert;
import org.asperity.job.features.RegionFeatures;
import org.asperity.job.features.SnapshotRecord;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.ingest.Observation;
import org.asperity.job.ingest.ObservationDecoder;
import org.asperity.job.ingest.SourceRecord;
import org.asperity.job.scoring.Forecast;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.DeadLetterReason;

/**
 * Type information of every record type between the job's operators, each with its own serializer.
 */
public final class JobTypes {
  public static final TypeInformation<SourceRecord> SOURCE_RECORD =
      SerializerTypeInfo.of(SourceRecord.class, SourceRecordSerializer::new);
  public static final TypeInformation<Observation> OBSERVATION =
      SerializerTypeInfo.of(Observation.class, ObservationSerializer::new);
  public static final TypeInformation<DeadLetterRecord> DEAD_LETTER =
      SerializerTypeInfo.of(DeadLetterRecord.class, DeadLetterSerializer::new);
  public static final TypeInformation<SnapshotRecord> SNAPSHOT =
      SerializerTypeInfo.of(SnapshotRecord.class, SnapshotSerializer::new);
  public static final TypeInformation<RegionFeatures> REGION_FEATURES =
      SerializerTypeInfo.of(RegionFeatures.class, RegionFeaturesSerializer::new);
  public static final TypeInformation<Forecast> FORECAST =
      SerializerTypeInfo.of(Forecast.class, ForecastSerializer::new);
  public static final TypeInformation<Alert> ALERT =
      SerializerTypeInfo.of(Alert.class, AlertSerializer::new);

  private JobTypes() {}

  static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
    if (bytes == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  static byte[] readBytes(DataInputView in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  static void writeStrings(List<String> strings, DataOutputView out) throws IOException {
    out.writeInt(strings.size());
    for (String s : strings) {
      StringValue.writeString(s, out);
    }
  }

  static List<String> readStrings(DataInputView in) throws IOException {
    int n = in.readInt();
    List<String> strings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      strings.add(StringValue.readString(in));
    }
    return strings;
  }

  /**
   * Coordinates and raw bytes; decoded again when read (decoding is a pure function of the bytes).
   */
  public static final class SourceRecordSerializer extends RecordSerializer<SourceRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(SourceRecord r, DataOutputView out) throws IOException {
      StringValue.writeString(r.topic(), out);
      out.writeInt(r.partition());
      out.writeLong(r.offset());
      out.writeLong(r.kafkaTimestampMillis());
      writeBytes(r.key(), out);
      writeBytes(r.value(), out);
    }

    @Override
    public SourceRecord deserialize(DataInputView in) throws IOException {
      String topic = StringValue.readString(in);
      int partition = in.readInt();
      long offset = in.readLong();
      long timestamp = in.readLong();
      byte[] key = readBytes(in);
      byte[] value = readBytes(in);
      return ObservationDecoder.decode(topic, partition, offset, timestamp, key, value);
    }
  }

  public static final class ObservationSerializer extends RecordSerializer<Observation> {
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
      writeBytes(o.rawKey(), out);
      writeBytes(o.rawValue(), out);
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
          readBytes(in),
          readBytes(in));
    }
  }

  public static final class DeadLetterSerializer extends RecordSerializer<DeadLetterRecord> {
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
      writeBytes(d.key(), out);
      writeBytes(d.value(), out);
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
          readBytes(in),
          readBytes(in));
    }
  }

  public static final class SnapshotSerializer extends RecordSerializer<SnapshotRecord> {
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
  }

  public static final class RegionFeaturesSerializer extends RecordSerializer<RegionFeatures> {
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
      writeStrings(f.missingStations(), out);
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
          region, tick, values, in.readInt(), in.readInt(), readStrings(in), in.readLong());
    }
  }

  public static final class ForecastSerializer extends RecordSerializer<Forecast> {
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
      writeStrings(f.missingStations(), out);
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
          readStrings(in),
          in.readLong(),
          StringValue.readString(in));
    }
  }

  public static final class AlertSerializer extends RecordSerializer<Alert> {
    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(Alert a, DataOutputView out) throws IOException {
      StringValue.writeString(a.alertId(), out);
      StringValue.writeString(a.region(), out);
      StringValue.writeString(a.level().name(), out);
      StringValue.writeString(a.action().name(), out);
      StringValue.writeString(a.references(), out);
      out.writeLong(a.issuedAtMicros());
      out.writeDouble(a.ttfP10Days());
      out.writeDouble(a.ttfP50Days());
      out.writeDouble(a.ttfP90Days());
      out.writeDouble(a.momentMagnitude());
      StringValue.writeString(a.modelVersion(), out);
      StringValue.writeString(a.reason(), out);
    }

    @Override
    public Alert deserialize(DataInputView in) throws IOException {
      return new Alert(
          StringValue.readString(in),
          StringValue.readString(in),
          AlertLevel.valueOf(StringValue.readString(in)),
          AlertAction.valueOf(StringValue.readString(in)),
          StringValue.readString(in),
          in.readLong(),
          in.readDouble(),
          in.readDouble(),
          in.readDouble(),
          in.readDouble(),
          StringValue.readString(in),
          StringValue.readString(in));
    }
  }
}
