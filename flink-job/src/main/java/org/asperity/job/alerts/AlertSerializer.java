package org.asperity.job.alerts;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.asperity.job.types.RecordSerializer;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;

/** Binary form of {@link Alert}. */
public final class AlertSerializer extends RecordSerializer<Alert> {
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

  @Override
  public TypeSerializerSnapshot<Alert> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: restoring recreates it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Alert> {
    public Snapshot() {
      super(AlertSerializer::new);
    }
  }
}
