package org.asperity.simulator.io;

import java.nio.file.Path;

/**
 * Where a simulation's three Avro container files go: either three fixed names in a directory, or
 * an observations file named by the user with the two smaller streams beside it ({@code run.avro}
 * -> {@code run.earthquakes.avro}, {@code run.slip-deficit.avro}).
 */
public record AvroOutputFiles(Path observations, Path slipDeficit, Path earthquakes) {

  /**
   * {@code dir/gnss-observations.avro}, {@code dir/slip-deficit.avro}, {@code
   * dir/earthquakes.avro}.
   */
  public static AvroOutputFiles inDirectory(Path directory) {
    return new AvroOutputFiles(
        directory.resolve(AvroFileSink.OBSERVATIONS),
        directory.resolve(AvroFileSink.SLIP_DEFICIT),
        directory.resolve(AvroFileSink.EARTHQUAKES));
  }

  /**
   * {@code X.avro} holds the observations; {@code X.slip-deficit.avro} and {@code
   * X.earthquakes.avro} beside it.
   */
  public static AvroOutputFiles besideObservations(Path observationsFile) {
    String name = observationsFile.getFileName().toString();
    String base =
        name.endsWith(".avro") ? name.substring(0, name.length() - ".avro".length()) : name;
    return new AvroOutputFiles(
        observationsFile,
        observationsFile.resolveSibling(base + ".slip-deficit.avro"),
        observationsFile.resolveSibling(base + ".earthquakes.avro"));
  }

  /** A path ending in {@code .avro} names the observations file; anything else is a directory. */
  public static AvroOutputFiles forPath(Path path) {
    return path.getFileName() != null && path.getFileName().toString().endsWith(".avro")
        ? besideObservations(path)
        : inDirectory(path);
  }
}
