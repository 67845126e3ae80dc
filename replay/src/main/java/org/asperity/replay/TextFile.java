package org.asperity.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The text of a GNSS series file as real files come: a UTF-8 byte-order mark is skipped; bytes that
 * are not UTF-8 (Latin-1 or Windows code-page station names in comment lines, as SOPAC and GSI
 * files have) decode the whole file as ISO-8859-1 instead of failing, which keeps every ASCII data
 * column intact; CRLF, CR and LF all end a line.
 */
record TextFile(List<String> lines, String charset) {
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  static TextFile read(Path file) throws IOException {
    return decode(Files.readAllBytes(file));
  }

  /** The first {@code maxBytes} of a file, decoded the same way (the last line may be cut). */
  static TextFile head(Path file, int maxBytes) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return decode(in.readNBytes(maxBytes));
    }
  }

  static TextFile decode(byte[] bytes) {
    int start = startsWithBom(bytes) ? UTF8_BOM.length : 0;
    ByteBuffer body = ByteBuffer.wrap(bytes, start, bytes.length - start);
    String text;
    String charset;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(body)
              .toString();
      charset = "UTF-8";
    } catch (CharacterCodingException e) {
      text = new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
      charset = "ISO-8859-1";
    }
    return new TextFile(text.lines().toList(), charset);
  }

  private static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= UTF8_BOM.length
        && Arrays.equals(bytes, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length);
  }
}
