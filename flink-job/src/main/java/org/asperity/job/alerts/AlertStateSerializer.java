package org.asperity.job.alerts;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.asperity.job.types.MutableStateSerializer;

/** Serializer of the mutable {@link AlertState}: copies are real copies. */
public final class AlertStateSerializer extends MutableStateSerializer<AlertState> {
  private static final long serialVersionUID = 1L;

  @Override
  public TypeSerializer<AlertState> duplicate() {
    return this;
  }

  @Override
  public AlertState createInstance() {
    return new AlertState();
  }

  @Override
  public AlertState copy(AlertState from) {
    AlertState c = new AlertState();
    c.level = from.level;
    c.chain.addAll(from.chain);
    c.enterStreak = from.enterStreak;
    c.enterLevel = from.enterLevel;
    c.leaveStreak = from.leaveStreak;
    return c;
  }

  @Override
  public void serialize(AlertState record, DataOutputView target) throws IOException {
    record.writeTo(target);
  }

  @Override
  public AlertState deserialize(DataInputView source) throws IOException {
    return AlertState.readFrom(source);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof AlertStateSerializer;
  }

  @Override
  public int hashCode() {
    return AlertStateSerializer.class.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<AlertState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: restoring recreates it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<AlertState> {
    public Snapshot() {
      super(AlertStateSerializer::new);
    }
  }
}
