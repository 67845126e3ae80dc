package org.asperity.job.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.Test;

/**
 * Flink's serializer contract tests (round trips one by one and in sequence, copies, duplicates
 * used from several threads, the snapshot written, read back and compatible as is, the serializer
 * itself Java-serializable) for the job's serializers. Equality after a round trip: a record's
 * components compared deeply (byte arrays by content); any other value of the tested type, which
 * has no equals (mutable states, the source record), by the bytes the serializer writes.
 */
public abstract class JobSerializerTestBase<T> extends SerializerTestBase<T> {

  /** The test, known to the equality checker once constructed. */
  private static final class Self {
    JobSerializerTestBase<?> test;
  }

  protected JobSerializerTestBase() {
    this(new Self());
  }

  private JobSerializerTestBase(Self self) {
    super(checker(self));
    self.test = this;
  }

  private static DeeplyEqualsChecker checker(Self self) {
    return new DeeplyEqualsChecker()
        .withCustomCheck(
            (a, b) -> self.test.hasOwnEquality(a), (a, b, checker) -> self.test.sameValue(a, b))
        .withCustomCheck((a, b) -> a instanceof Record, JobSerializerTestBase::sameComponents)
        .withCustomCheck(
            (a, b) -> !(a instanceof Record) && self.test.getTypeClass().isInstance(a),
            (a, b, checker) -> Arrays.equals(self.test.bytes(a), self.test.bytes(b)));
  }

  private static boolean sameComponents(Object a, Object b, DeeplyEqualsChecker checker) {
    if (a.getClass() != b.getClass()) {
      return false;
    }
    for (RecordComponent c : a.getClass().getRecordComponents()) {
      if (!checker.deepEquals(value(c, a), value(c, b))) {
        return false;
      }
    }
    return true;
  }

  private static Object value(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot read " + component.getName(), e);
    }
  }

  /**
   * Whether {@link #sameValue} decides the equality of {@code value}, a part of a tested value that
   * has no equals of its own.
   */
  protected boolean hasOwnEquality(Object value) {
    return false;
  }

  protected boolean sameValue(Object a, Object b) {
    throw new UnsupportedOperationException();
  }

  /** What the contract tests check after a round trip, with the same equality. */
  @Override
  protected void deepEquals(String message, T should, T is) {
    if (!checker(selfOf(this)).deepEquals(should, is)) {
      throw new AssertionError(message + ": " + should + " became " + is);
    }
  }

  private static Self selfOf(JobSerializerTestBase<?> test) {
    Self self = new Self();
    self.test = test;
    return self;
  }

  /**
   * Our serializers make no empty instances (records are built from their fields); where one does,
   * it is of the type.
   */
  @Test
  @Override
  protected void testInstantiate() {
    T instance = getSerializer().createInstance();
    if (instance != null) {
      assertEquals(getTypeClass(), instance.getClass());
    }
  }

  @Override
  protected int getLength() {
    return -1;
  }

  private byte[] bytes(Object value) {
    try {
      DataOutputSerializer out = new DataOutputSerializer(256);
      createSerializer().serialize(getTypeClass().cast(value), out);
      return out.getCopyOfBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
