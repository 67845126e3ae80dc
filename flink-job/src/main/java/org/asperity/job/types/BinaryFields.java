package org.asperity.job.types;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Field encodings the record serializers share: nullable byte arrays and string lists. */
public final class BinaryFields {
  private BinaryFields() {}

  /** Length then bytes; length -1 for null. */
  public static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
    if (bytes == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  public static byte[] readBytes(DataInputView in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  public static void writeStrings(List<String> strings, DataOutputView out) throws IOException {
    out.writeInt(strings.size());
    for (String s : strings) {
      StringValue.writeString(s, out);
    }
  }

  public static List<String> readStrings(DataInputView in) throws IOException {
    int n = in.readInt();
    List<String> strings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      strings.add(StringValue.readString(in));
    }
    return strings;
  }
}
