package org.asperity.schemas.wire;

import org.apache.avro.Schema;

/**
 * Walks an Avro binary body against its writer schema without building anything, checking that
 * every length, count and index fits the bytes actually present. Avro's decoder trusts a length
 * prefix and allocates it, so a corrupt byte could ask for a 2 GB string and bring down the process
 * that reads a bad record; after this check it cannot. Also rejects trailing bytes. (Binary
 * encoding: Avro 1.12 specification, "Binary Encoding".)
 */
final class BinaryBoundsCheck {
  private final byte[] bytes;
  private int position;

  private BinaryBoundsCheck(byte[] bytes, int offset) {
    this.bytes = bytes;
    this.position = offset;
  }

  /**
   * Throws CORRUPT_BODY unless {@code bytes[offset..]} is exactly one well-formed datum of {@code
   * writer}.
   */
  static void check(Schema writer, byte[] bytes, int offset) throws WireFormatException {
    BinaryBoundsCheck walker = new BinaryBoundsCheck(bytes, offset);
    walker.skip(writer);
    if (walker.position != bytes.length) {
      throw corrupt((bytes.length - walker.position) + " unexpected bytes after the record");
    }
  }

  private void skip(Schema schema) throws WireFormatException {
    switch (schema.getType()) {
      case NULL -> {}
      case BOOLEAN -> take(1, "boolean");
      case INT, LONG -> readVarLong();
      case FLOAT -> take(4, "float");
      case DOUBLE -> take(8, "double");
      case STRING, BYTES ->
          take(length(readVarLong(), schema.getType().getName()), schema.getType().getName());
      case FIXED -> take(schema.getFixedSize(), "fixed");
      case ENUM -> index(readVarLong(), schema.getEnumSymbols().size(), "enum " + schema.getName());
      case UNION ->
          skip(
              schema
                  .getTypes()
                  .get(index(readVarLong(), schema.getTypes().size(), "union branch")));
      case RECORD -> {
        for (Schema.Field field : schema.getFields()) {
          skip(field.schema());
        }
      }
      case ARRAY -> skipBlocks(schema.getElementType(), false);
      case MAP -> skipBlocks(schema.getValueType(), true);
      default -> throw corrupt("unsupported schema type " + schema.getType());
    }
  }

  private void skipBlocks(Schema item, boolean withKeys) throws WireFormatException {
    while (true) {
      long count = readVarLong();
      if (count == 0) {
        return;
      }
      if (count < 0) {
        // A negative count is followed by the block's size in bytes (spec: "Complex Types").
        count = -count;
        length(readVarLong(), "block size");
      }
      // Every item takes at least one byte unless it is null: bound the count by what is left.
      if (item.getType() != Schema.Type.NULL && count > bytes.length - position) {
        throw corrupt(
            "collection of " + count + " items in " + (bytes.length - position) + " bytes");
      }
      for (long i = 0; i < count; i++) {
        if (withKeys) {
          take(length(readVarLong(), "map key"), "map key");
        }
        skip(item);
      }
    }
  }

  private int length(long length, String what) throws WireFormatException {
    if (length < 0 || length > bytes.length - position) {
      throw corrupt(
          what
              + " length "
              + length
              + " at byte "
              + position
              + ", only "
              + (bytes.length - position)
              + " bytes left");
    }
    return (int) length;
  }

  private int index(long index, int size, String what) throws WireFormatException {
    if (index < 0 || index >= size) {
      throw corrupt(what + " index " + index + " out of 0.." + (size - 1) + " at byte " + position);
    }
    return (int) index;
  }

  private void take(int count, String what) throws WireFormatException {
    if (count > bytes.length - position) {
      throw corrupt(
          what
              + " needs "
              + count
              + " bytes at byte "
              + position
              + ", only "
              + (bytes.length - position)
              + " left");
    }
    position += count;
  }

  /** Zig-zag variable-length long, at most 10 bytes. */
  private long readVarLong() throws WireFormatException {
    long raw = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (position >= bytes.length) {
        throw corrupt("number cut off at byte " + position);
      }
      int b = bytes[position++] & 0xFF;
      raw |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw corrupt("number longer than 10 bytes at byte " + position);
  }

  private static WireFormatException corrupt(String message) {
    return new WireFormatException(WireFormatException.Reason.CORRUPT_BODY, message);
  }
}
