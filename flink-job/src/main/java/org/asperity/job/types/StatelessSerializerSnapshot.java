package org.asperity.job.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * Snapshot of a serializer without configuration: its class name. Restoring instantiates the class
 * again; the same class is compatible as is (the class owns its format and versions it in its bytes
 * when it has to).
 */
public final class StatelessSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
  private static final int VERSION = 1;
  private Class<? extends TypeSerializer<T>> serializerClass;

  /** For Flink's reflective restore. */
  public StatelessSerializerSnapshot() {}

  @SuppressWarnings("unchecked")
  public StatelessSerializerSnapshot(Class<?> serializerClass) {
    this.serializerClass = (Class<? extends TypeSerializer<T>>) serializerClass;
  }

  @Override
  public int getCurrentVersion() {
    return VERSION;
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeUTF(serializerClass.getName());
  }

  @Override
  @SuppressWarnings("unchecked")
  public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
      throws IOException {
    String name = in.readUTF();
    try {
      serializerClass =
          (Class<? extends TypeSerializer<T>>) Class.forName(name, false, userCodeClassLoader);
    } catch (ClassNotFoundException e) {
      throw new IOException("serializer class " + name + " of a restored state is gone", e);
    }
  }

  @Override
  public TypeSerializer<T> restoreSerializer() {
    return InstantiationUtil.instantiate(serializerClass);
  }

  @Override
  public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
      TypeSerializerSnapshot<T> oldSnapshot) {
    if (oldSnapshot instanceof StatelessSerializerSnapshot<T> old
        && old.serializerClass == serializerClass) {
      return TypeSerializerSchemaCompatibility.compatibleAsIs();
    }
    return TypeSerializerSchemaCompatibility.incompatible();
  }
}
