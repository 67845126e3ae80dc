package org.asperity.job.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of {@link RegionState} over {@code RegionFeatureState.writeTo/readFrom}. Reading needs
 * the layout and configuration: both are in its snapshot, and a restore under another layout or
 * configuration is refused.
 */
public final class RegionStateSerializer extends TypeSerializer<RegionState> {
  private static final long serialVersionUID = 1L;

  private final FeatureSpec spec;

  public RegionStateSerializer(FeatureSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<RegionState> duplicate() {
    return new RegionStateSerializer(spec);
  }

  @Override
  public RegionState createInstance() {
    return null;
  }

  @Override
  public RegionState copy(RegionState from) {
    try {
      DataOutputSerializer out = new DataOutputSerializer(64 * 1024);
      from.writeTo(out);
      return RegionState.readFrom(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()), spec.layout(),
          spec.config());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy a region state", e);
    }
  }

  @Override
  public RegionState copy(RegionState from, RegionState reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
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
  public RegionState deserialize(RegionState reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
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
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
      String config = in.readUTF();
      byte[] layout = new byte[in.readInt()];
      in.readFully(layout);
      spec = new FeatureSpec(org.asperity.features.FeatureConfig.fromCanonicalString(config),
          org.asperity.features.RegionLayout.fromJson(new String(layout, java.nio.charset.StandardCharsets.UTF_8)));
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
