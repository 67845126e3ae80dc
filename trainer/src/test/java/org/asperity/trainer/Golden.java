package org.asperity.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stored expected outputs under {@code src/test/resources/org/asperity/trainer/golden/}. After a
 * deliberate change to an output, run the tests with {@code -Dasperity.golden.rewrite=true} to
 * store the new one, and review the diff.
 */
public final class Golden {
  private static final Path DIRECTORY = Path.of("src/test/resources/org/asperity/trainer/golden");

  private Golden() {}

  /** Asserts that {@code actual} is the text stored as {@code name}. */
  public static void assertMatches(String name, String actual) {
    Path stored = DIRECTORY.resolve(name);
    try {
      if (Boolean.getBoolean("asperity.golden.rewrite")) {
        Files.createDirectories(DIRECTORY);
        Files.writeString(stored, actual);
      }
      assertEquals(Files.readString(stored), actual, "differs from the stored " + stored);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lowercase hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
