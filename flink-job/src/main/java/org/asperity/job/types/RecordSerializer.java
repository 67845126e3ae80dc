package org.asperity.job.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Hand-written serializer of an immutable record type that flows between operators: a fixed field
 * order in Flink's binary views, no reflection, no Kryo. Immutable records need no copying, so
 * {@link #copy} returns its argument. Stateless: a subclass's snapshot is a {@code
 * SimpleTypeSerializerSnapshot} that recreates it.
 */
public abstract class RecordSerializer<T> extends TypeSerializer<T> {

  /** Writes every field of {@code record}. */
  @Override
  public abstract void serialize(T record, DataOutputView target) throws IOException;

  /** Reads what {@link #serialize} wrote. */
  @Override
  public abstract T deserialize(DataInputView source) throws IOException;

  @Override
  public final boolean isImmutableType() {
    return true;
  }

  @Override
  public final TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public final T createInstance() {
    return null;
  }

  @Override
  public final T copy(T from) {
    return from;
  }

  @Override
  public final T copy(T from, T reuse) {
    return from;
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

  @Override
  public final boolean equals(Object obj) {
    return obj != null && obj.getClass() == getClass();
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode();
  }
}
