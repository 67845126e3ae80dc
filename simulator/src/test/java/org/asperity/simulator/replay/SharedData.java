package org.asperity.simulator.replay;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real GNSS files shared with the project ({@code ../shared/data/gnss} from the repository
 * root).
 */
final class SharedData {
  private SharedData() {}

  static Path gnss(String name) {
    String configured = System.getProperty("asperity.shared.data");
    Path base =
        configured != null
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve("data");
    Path file = base.resolve("gnss").resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "real GNSS test file missing: "
              + file
              + " (expected ../shared/data/gnss beside the repository; or set -Dasperity.shared.data)");
    }
    return file;
  }
}
