package org.asperity.job.types;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of a mutable keyed-state type written in its own compact binary form: a subclass gives
 * {@link #serialize}, {@link #deserialize(DataInputView)}, {@link #copy(Object)} and its snapshot;
 * the rest of Flink's contract (no reuse, variable length) is here once.
 */
public abstract class MutableStateSerializer<T> extends TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  /** Initial buffer of a copy through the binary form: a full station or region state fits. */
  private static final int COPY_BUFFER_BYTES = 64 * 1024;

  @Override
  public final boolean isImmutableType() {
    return false;
  }

  @Override
  public final T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public final int getLength() {
    return -1;
  }

  @Override
  public final T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public final void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  /**
   * A deep copy of {@code from} written and read back (the heap backend copies states it
   * snapshots).
   */
  protected final T copyThroughBinaryForm(T from) {
    try {
      DataOutputSerializer out = new DataOutputSerializer(COPY_BUFFER_BYTES);
      serialize(from, out);
      return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy a " + from.getClass().getSimpleName(), e);
    }
  }
}
