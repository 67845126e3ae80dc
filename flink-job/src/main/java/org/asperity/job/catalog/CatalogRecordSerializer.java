package org.asperity.job.catalog;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.asperity.job.ingest.DeadLetterSerializer;
import org.asperity.job.types.RecordSerializer;

/** Binary form of {@link CatalogRecord}. */
public final class CatalogRecordSerializer extends RecordSerializer<CatalogRecord> {
  private static final long serialVersionUID = 1L;
  private static final DeadLetterSerializer DEAD_LETTERS = new DeadLetterSerializer();

  @Override
  public void serialize(CatalogRecord r, DataOutputView out) throws IOException {
    StringValue.writeString(r.region(), out);
    out.writeLong(r.onsetMicros());
    out.writeDouble(r.momentMagnitude());
    StringValue.writeString(r.eventId(), out);
    out.writeBoolean(r.isRejected());
    if (r.isRejected()) {
      DEAD_LETTERS.serialize(r.rejection(), out);
    }
  }

  @Override
  public CatalogRecord deserialize(DataInputView in) throws IOException {
    String region = StringValue.readString(in);
    long onset = in.readLong();
    double mw = in.readDouble();
    String eventId = StringValue.readString(in);
    return new CatalogRecord(
        region, onset, mw, eventId, in.readBoolean() ? DEAD_LETTERS.deserialize(in) : null);
  }

  @Override
  public TypeSerializerSnapshot<CatalogRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: restoring recreates it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<CatalogRecord> {
    public Snapshot() {
      super(CatalogRecordSerializer::new);
    }
  }
}
