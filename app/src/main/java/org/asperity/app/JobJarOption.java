package org.asperity.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.asperity.cluster.ClusterException;
import picocli.CommandLine.Option;

/** {@code --job-jar}: the shaded job jar a command submits to a cluster. */
public final class JobJarOption {
  @Option(
      names = "--job-jar",
      paramLabel = "FILE",
      description = "The job jar (default: flink-job/target/asperity-flink-job-*-job.jar).")
  Path given;

  /**
   * The given jar, or the default one if none was given, once it exists.
   *
   * @throws ClusterException no such file
   */
  Path require() {
    Path jar = given != null ? given : defaultJobJar();
    if (!Files.isRegularFile(jar)) {
      throw new ClusterException(
          "no job jar at " + jar + ": build it (mvn -pl flink-job -am package) or give --job-jar");
    }
    return jar;
  }

  /** The default job jar, once it exists (for a command without the option). */
  static Path requireDefault() {
    return new JobJarOption().require();
  }

  /** The shaded job jar that {@code ./asperity} builds beside the launcher. */
  static Path defaultJobJar() {
    Path target = Path.of(System.getProperty("asperity.home", ".")).resolve("flink-job/target");
    if (Files.isDirectory(target)) {
      try (Stream<Path> files = Files.list(target)) {
        Optional<Path> jar =
            files
                .filter(p -> p.getFileName().toString().matches("asperity-flink-job-.*-job\\.jar"))
                .findFirst();
        if (jar.isPresent()) {
          return jar.get();
        }
      } catch (IOException e) {
        // reported by require() as a missing jar
      }
    }
    return target.resolve("asperity-flink-job-VERSION-job.jar");
  }
}
