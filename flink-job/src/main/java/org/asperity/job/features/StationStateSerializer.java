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
 * StationFeatureState.writeTo/readFrom}, not Kryo), in one of the {@link StationStateLayout}s: the
 * whole state, or its head without the samples. It needs the {@link FeatureConfig} to read a state
 * back; the config and the layout are part of its snapshot, and a restore under another
 * configuration or layout is refused (the state's bytes would mean something else).
 */
public final class StationStateSerializer extends MutableStateSerializer<StationState> {
  private static final long serialVersionUID = 1L;

  private final String configCanonical;
  private final StationStateLayout layout;
  private transient FeatureConfig config;

  public StationStateSerializer(String configCanonical, StationStateLayout layout) {
    this.configCanonical = Objects.requireNonNull(configCanonical, "configCanonical");
    this.layout = Objects.requireNonNull(layout, "layout");
  }

  private FeatureConfig config() {
    if (config == null) {
      config = FeatureConfig.fromCanonicalString(configCanonical);
    }
    return config;
  }

  @Override
  public TypeSerializer<StationState> duplicate() {
    return new StationStateSerializer(configCanonical, layout);
  }

  @Override
  public StationState createInstance() {
    return null;
  }

  /**
   * A deep copy through the binary form (the heap backend copies states it snapshots while they
   * change). In the {@link StationStateLayout#BLOCKS} layout the copy is a head whose samples the
   * operator loads from their blocks before it uses them.
   */
  @Override
  public StationState copy(StationState from) {
    return copyThroughBinaryForm(from);
  }

  @Override
  public void serialize(StationState record, DataOutputView target) throws IOException {
    record.writeTo(target, layout);
  }

  @Override
  public StationState deserialize(DataInputView source) throws IOException {
    return StationState.readFrom(source, config(), layout);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof StationStateSerializer other
        && other.configCanonical.equals(configCanonical)
        && other.layout == layout;
  }

  @Override
  public int hashCode() {
    return 31 * configCanonical.hashCode() + layout.hashCode();
  }

  /** Named in Flink's refusal of a restore, so the operator sees which layouts met. */
  @Override
  public String toString() {
    return "StationStateSerializer[" + layout + " layout]";
  }

  @Override
  public TypeSerializerSnapshot<StationState> snapshotConfiguration() {
    return new Snapshot(configCanonical, layout);
  }

  /**
   * Records the feature configuration and the layout the states were written under (version 1
   * snapshots, from before the layouts, are of the whole layout).
   */
  public static final class Snapshot implements TypeSerializerSnapshot<StationState> {
    private String configCanonical;
    private StationStateLayout layout;

    public Snapshot() {}

    Snapshot(String configCanonical, StationStateLayout layout) {
      this.configCanonical = configCanonical;
      this.layout = layout;
    }

    @Override
    public int getCurrentVersion() {
      return 2;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(configCanonical);
      out.writeUTF(layout.name());
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
        throws IOException {
      configCanonical = in.readUTF();
      if (readVersion < 2) {
        layout = StationStateLayout.WHOLE;
        return;
      }
      String name = in.readUTF();
      try {
        layout = StationStateLayout.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new IOException("unknown station state layout " + name, e);
      }
    }

    @Override
    public TypeSerializer<StationState> restoreSerializer() {
      return new StationStateSerializer(configCanonical, layout);
    }

    @Override
    public TypeSerializerSchemaCompatibility<StationState> resolveSchemaCompatibility(
        TypeSerializerSnapshot<StationState> oldSnapshot) {
      return oldSnapshot instanceof Snapshot old
              && old.configCanonical.equals(configCanonical)
              && old.layout == layout
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
