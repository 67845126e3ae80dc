package org.asperity.job.features;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.asperity.features.StationFeatureState;

/**
 * The current station's state in keyed state, in one of the {@link StationStateLayout}s: value
 * state {@code station} (the whole state, or its head) and, for {@link StationStateLayout#BLOCKS},
 * map state {@code station-samples} (ring block index to the block's bytes). A caller reads the
 * head ({@link #read}), loads the samples only when it feeds the features ({@link #loadSamples}),
 * and writes back with {@link #write}, which in the block layout rewrites only the blocks that
 * changed.
 */
public final class StationStore {
  static final String STATE_NAME = "station";
  static final String SAMPLES_STATE_NAME = "station-samples";

  private final StationStateLayout layout;
  private final ValueState<StationState> state;
  private final MapState<Integer, byte[]> samples;
  private final DataOutputSerializer blockBuffer = new DataOutputSerializer(1024);

  private StationStore(
      StationStateLayout layout,
      ValueState<StationState> state,
      MapState<Integer, byte[]> samples) {
    this.layout = layout;
    this.state = state;
    this.samples = samples;
  }

  /** Registers the states of {@code layout} with the operator's runtime context. */
  public static StationStore open(
      RuntimeContext context, String configCanonical, StationStateLayout layout) {
    Objects.requireNonNull(layout, "layout");
    ValueState<StationState> state =
        context.getState(
            new ValueStateDescriptor<>(
                STATE_NAME, new StationStateSerializer(configCanonical, layout)));
    MapState<Integer, byte[]> samples =
        layout == StationStateLayout.BLOCKS
            ? context.getMapState(
                new MapStateDescriptor<>(
                    SAMPLES_STATE_NAME,
                    Types.INT,
                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO))
            : null;
    return new StationStore(layout, state, samples);
  }

  /** The station's state, or null; its samples may not be loaded. */
  public StationState read() throws IOException {
    return state.value();
  }

  /**
   * Loads the samples of a state {@link #read} returned, if they are not loaded (they are after a
   * {@link #write} of the same object, or in the whole layout).
   *
   * @throws IOException when the stored blocks are corrupt or do not fit the head
   */
  public void loadSamples(StationState station) throws Exception {
    StationFeatureState features = station.features();
    if (features.ringLoaded()) {
      return;
    }
    if (samples == null) {
      throw new IllegalStateException("a head without samples in the whole layout");
    }
    int blocks = features.ringBlocks();
    for (Map.Entry<Integer, byte[]> block : samples.entries()) {
      int index = block.getKey();
      byte[] bytes = block.getValue();
      if (index < 0 || index >= blocks || bytes.length != features.ringBlockBytes(index)) {
        throw new IOException(
            features.stationCode()
                + ": stored sample block "
                + index
                + " of "
                + bytes.length
                + " bytes does not fit a ring of "
                + blocks
                + " blocks");
      }
      features.readRingBlock(index, new DataInputDeserializer(bytes));
    }
    features.completeRingLoad();
  }

  /** Stores {@code station}: the value, and in the block layout the sample blocks that changed. */
  public void write(StationState station) throws Exception {
    state.update(station);
    if (layout != StationStateLayout.BLOCKS) {
      return;
    }
    StationFeatureState features = station.features();
    for (int b = features.nextChangedRingBlock(0);
        b >= 0;
        b = features.nextChangedRingBlock(b + 1)) {
      blockBuffer.clear();
      features.writeRingBlock(b, blockBuffer);
      samples.put(b, blockBuffer.getCopyOfBuffer());
    }
    features.clearChangedRingBlocks();
  }

  /** Forgets the station. */
  public void clear() {
    state.clear();
    if (samples != null) {
      samples.clear();
    }
  }
}
