package org.asperity.job.alerts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
    StringValue.writeString(a.previousLevel().name(), out);
    StringValue.writeString(a.action().name(), out);
    out.writeInt(a.chain().size());
    for (String id : a.chain()) {
      StringValue.writeString(id, out);
    }
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
    String alertId = StringValue.readString(in);
    String region = StringValue.readString(in);
    AlertLevel level = AlertLevel.valueOf(StringValue.readString(in));
    AlertLevel previousLevel = AlertLevel.valueOf(StringValue.readString(in));
    AlertAction action = AlertAction.valueOf(StringValue.readString(in));
    int chainLength = in.readInt();
    List<String> chain = new ArrayList<>(chainLength);
    for (int i = 0; i < chainLength; i++) {
      chain.add(StringValue.readString(in));
    }
    return new Alert(
        alertId,
        region,
        level,
        previousLevel,
        action,
        chain,
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
