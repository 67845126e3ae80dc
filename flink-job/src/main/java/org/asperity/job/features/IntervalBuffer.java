package org.asperity.job.features;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.asperity.features.interval.IntervalAccumulator;
import org.asperity.job.ingest.Observation;
import org.asperity.job.ingest.ObservationSerializer;
import org.asperity.job.types.MutableStateSerializer;

/**
 * One station's open interval in {@link IntervalAggregation}: its first observation whole (a lone
 * sample goes on as it came, raw bytes and all), the accumulator, and the newest Kafka timestamp
 * (for the latency metric of the position).
 */
final class IntervalBuffer {
  final Observation first;
  final IntervalAccumulator accumulator;
  long newestKafkaTimestampMillis;

  IntervalBuffer(Observation first, IntervalAccumulator accumulator, long newestKafkaTimestamp) {
    this.first = first;
    this.accumulator = accumulator;
    this.newestKafkaTimestampMillis = newestKafkaTimestamp;
  }

  /** Binary form: the observation's serializer, then the accumulator's own format. */
  static final class Serializer extends MutableStateSerializer<IntervalBuffer> {
    private static final long serialVersionUID = 1L;
    private static final ObservationSerializer OBSERVATION = new ObservationSerializer();

    @Override
    public TypeSerializer<IntervalBuffer> duplicate() {
      return new Serializer();
    }

    @Override
    public IntervalBuffer createInstance() {
      return null;
    }

    /**
     * A deep copy of the accumulator, the observation shared (immutable): the heap backend copies
     * every open interval of a station it touches after a snapshot, so this must be cheap.
     */
    @Override
    public IntervalBuffer copy(IntervalBuffer from) {
      return new IntervalBuffer(
          from.first, from.accumulator.copy(), from.newestKafkaTimestampMillis);
    }

    @Override
    public void serialize(IntervalBuffer record, DataOutputView target) throws IOException {
      OBSERVATION.serialize(record.first, target);
      record.accumulator.writeTo(target);
      target.writeLong(record.newestKafkaTimestampMillis);
    }

    @Override
    public IntervalBuffer deserialize(DataInputView source) throws IOException {
      Observation first = OBSERVATION.deserialize(source);
      IntervalAccumulator accumulator = IntervalAccumulator.readFrom(source);
      return new IntervalBuffer(first, accumulator, source.readLong());
    }

    @Override
    public boolean equals(Object obj) {
      return obj instanceof Serializer;
    }

    @Override
    public int hashCode() {
      return Serializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<IntervalBuffer> snapshotConfiguration() {
      return new Snapshot();
    }
  }

  /** No configuration: restoring recreates the serializer. */
  public static final class Snapshot implements TypeSerializerSnapshot<IntervalBuffer> {
    public Snapshot() {}

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) {}

    @Override
    public TypeSerializer<IntervalBuffer> restoreSerializer() {
      return new Serializer();
    }

    @Override
    public TypeSerializerSchemaCompatibility<IntervalBuffer> resolveSchemaCompatibility(
        TypeSerializerSnapshot<IntervalBuffer> oldSnapshot) {
      return oldSnapshot instanceof Snapshot
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
