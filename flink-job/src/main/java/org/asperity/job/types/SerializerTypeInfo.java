package org.asperity.job.types;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Type information that hands Flink our own serializer, so a record type never falls back to Kryo
 * (the job disables generic types to make sure).
 */
public final class SerializerTypeInfo<T> extends TypeInformation<T> {
  private final Class<T> type;
  private final SerializableSupplier<? extends TypeSerializer<T>> serializer;

  private SerializerTypeInfo(
      Class<T> type, SerializableSupplier<? extends TypeSerializer<T>> serializer) {
    this.type = Objects.requireNonNull(type, "type");
    this.serializer = Objects.requireNonNull(serializer, "serializer");
  }

  public static <T> SerializerTypeInfo<T> of(
      Class<T> type, SerializableSupplier<? extends TypeSerializer<T>> serializer) {
    return new SerializerTypeInfo<>(type, serializer);
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return serializer.get();
  }

  /** The serializer, without a Flink configuration (operator-internal use and tests). */
  public TypeSerializer<T> serializer() {
    return serializer.get();
  }

  @Override
  public String toString() {
    return type.getSimpleName();
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof SerializerTypeInfo<?> other && other.type == type;
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof SerializerTypeInfo;
  }
}
