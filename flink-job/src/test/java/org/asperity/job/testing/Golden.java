package org.asperity.job.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected outputs stored under {@code src/test/resources}: a change of output must be a decision,
 * not a side effect. To accept a deliberate change, run the test with {@code
 * -Dasperity.golden.rewrite=true}, which rewrites the files, and review their diff.
 */
public final class Golden {
  private static final String REWRITE = "asperity.golden.rewrite";

  private Golden() {}

  /** {@code actual} equals the stored {@code resource} (a class-path name, without leading /). */
  public static void assertMatches(String resource, String actual) {
    if (Boolean.getBoolean(REWRITE)) {
      try {
        Path file = Path.of("src", "test", "resources").resolve(resource);
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (InputStream in = Golden.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new AssertionError(
            "no golden file " + resource + "; create it with -D" + REWRITE + "=true");
      }
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
