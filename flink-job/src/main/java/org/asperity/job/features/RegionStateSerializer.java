package org.asperity.job.features;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.asperity.job.types.MutableStateSerializer;

/**
 * Serializer of {@link RegionState} over {@code RegionFeatureState.writeTo/readFrom}. Reading needs
 * the layout and configuration: both are in its snapshot, and a restore under another layout or
 * configuration is refused.
 */
public final class RegionStateSerializer extends MutableStateSerializer<RegionState> {
  private static final long serialVersionUID = 1L;

  private final FeatureSpec spec;

  public RegionStateSerializer(FeatureSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  @Override
  public TypeSerializer<RegionState> duplicate() {
    return new RegionStateSerializer(spec);
  }

  @Override
  public RegionState createInstance() {
    return null;
  }

  /**
   * A deep copy through the binary form (the heap backend copies states it snapshots while they
   * change).
   */
  @Override
  public RegionState copy(RegionState from) {
    return copyThroughBinaryForm(from);
  }

  @Override
  public void serialize(RegionState record, DataOutputView target) throws IOException {
    record.writeTo(target);
  }

  @Override
  public RegionState deserialize(DataInputView source) throws IOException {
    return RegionState.readFrom(source, spec.layout(), spec.config());
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof RegionStateSerializer other && other.spec.equals(spec);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<RegionState> snapshotConfiguration() {
    return new Snapshot(spec);
  }

  /** Records the configuration and layout the states were written under. */
  public static final class Snapshot implements TypeSerializerSnapshot<RegionState> {
    private FeatureSpec spec;

    public Snapshot() {}

    Snapshot(FeatureSpec spec) {
      this.spec = spec;
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(spec.configCanonical());
      byte[] layout = spec.layoutJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(layout.length);
      out.write(layout);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
        throws IOException {
      String config = in.readUTF();
      byte[] layout = new byte[in.readInt()];
      in.readFully(layout);
      spec =
          new FeatureSpec(
              org.asperity.features.FeatureConfig.fromCanonicalString(config),
              org.asperity.features.RegionLayout.fromJson(
                  new String(layout, java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public TypeSerializer<RegionState> restoreSerializer() {
      return new RegionStateSerializer(spec);
    }

    @Override
    public TypeSerializerSchemaCompatibility<RegionState> resolveSchemaCompatibility(
        TypeSerializerSnapshot<RegionState> oldSnapshot) {
      return oldSnapshot instanceof Snapshot old && old.spec.equals(spec)
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
