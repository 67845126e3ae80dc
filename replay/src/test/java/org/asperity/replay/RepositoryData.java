package org.asperity.replay;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real GNSS series committed under {@code data/gnss} at the repository root, found by walking
 * up from the working directory, so the tests of every module read the one copy.
 */
public final class RepositoryData {
  private RepositoryData() {}

  /** A file of {@code data/gnss}, e.g. {@code gnss("LHAS.tenv3")}. */
  public static Path gnss(String name) {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("data").resolve("gnss").resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException("no data/gnss/" + name + " in " + start + " or above");
  }
}
