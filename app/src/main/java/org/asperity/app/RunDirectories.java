package org.asperity.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary directories of the benchmarks that start a local cluster (its broker data,
 * checkpoints and process logs): deleted after a run that completed, kept and named after one that
 * failed, for its logs.
 */
final class RunDirectories {
  private RunDirectories() {}

  static Path create(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  /** Deletes a directory {@link #create} made, with everything in it. */
  static void delete(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
