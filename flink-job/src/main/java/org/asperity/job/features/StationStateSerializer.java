package org.asperity.job.features;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.asperity.features.FeatureConfig;
import org.asperity.job.types.MutableStateSerializer;

/**
 * Serializer of {@link StationState} over the feature library's own compact format ({@code
 * StationFeatureState.writeTo/readFrom}, not Kryo). It needs the {@link FeatureConfig} to read a
 * state back; the config is part of its snapshot, and a restore under another configuration is
 * refused (the state's bytes would mean something else).
 */
public final class StationStateSerializer extends MutableStateSerializer<StationState> {
  private static final long serialVersionUID = 1L;

  private final String configCanonical;
  private transient FeatureConfig config;

  public StationStateSerializer(String configCanonical) {
    this.configCanonical = Objects.requireNonNull(configCanonical, "configCanonical");
  }

  private FeatureConfig config() {
    if (config == null) {
      config = FeatureConfig.fromCanonicalString(configCanonical);
    }
    return config;
  }

  @Override
  public TypeSerializer<StationState> duplicate() {
    return new StationStateSerializer(configCanonical);
  }

  @Override
  public StationState createInstance() {
    return null;
  }

  /**
   * A deep copy through the binary form (the heap backend copies states it snapshots while they
   * change).
   */
  @Override
  public StationState copy(StationState from) {
    return copyThroughBinaryForm(from);
  }

  @Override
  public void serialize(StationState record, DataOutputView target) throws IOException {
    record.writeTo(target);
  }

  @Override
  public StationState deserialize(DataInputView source) throws IOException {
    return StationState.readFrom(source, config());
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof StationStateSerializer other
        && other.configCanonical.equals(configCanonical);
  }

  @Override
  public int hashCode() {
    return configCanonical.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<StationState> snapshotConfiguration() {
    return new Snapshot(configCanonical);
  }

  /** Records the feature configuration the states were written under. */
  public static final class Snapshot implements TypeSerializerSnapshot<StationState> {
    private String configCanonical;

    public Snapshot() {}

    Snapshot(String configCanonical) {
      this.configCanonical = configCanonical;
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(configCanonical);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
        throws IOException {
      configCanonical = in.readUTF();
    }

    @Override
    public TypeSerializer<StationState> restoreSerializer() {
      return new StationStateSerializer(configCanonical);
    }

    @Override
    public TypeSerializerSchemaCompatibility<StationState> resolveSchemaCompatibility(
        TypeSerializerSnapshot<StationState> oldSnapshot) {
      return oldSnapshot instanceof Snapshot old && old.configCanonical.equals(configCanonical)
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
