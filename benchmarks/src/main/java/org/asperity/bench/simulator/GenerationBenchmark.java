package org.asperity.bench.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.avro.file.CodecFactory;
import org.asperity.simulator.EpochObservations;
import org.asperity.simulator.EpochSink;
import org.asperity.simulator.Preset;
import org.asperity.simulator.ProgressListener;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.SimulationSummary;
import org.asperity.simulator.io.AvroFileSink;
import org.asperity.time.TimeUnits;

/**
 * Throughput of GNSS generation to an Avro file, one thread, one region of 100 stations at daily
 * sampling (nature preset), against two baselines measured in the same run: generation alone (into
 * a sink that drops everything) and writing alone (the same kind of records, pre-generated in
 * memory, through the same file sink). Not a test: {@code ./asperity bench generation}.
 */
public final class GenerationBenchmark {
  private static final int BUFFERED_EPOCHS = 10_000;

  private GenerationBenchmark() {}

  public static void main(String[] args) throws IOException {
    run(
        args.length > 0 ? Double.parseDouble(args[0]) : 200.0,
        args.length > 1 ? Path.of(args[1]) : null,
        System.out);
  }

  /**
   * Runs the three measurements and prints them to {@code out}; files go to {@code directory}
   * (null: a temporary one).
   */
  public static void run(double years, Path directory, PrintStream out) throws IOException {
    boolean temporary = directory == null;
    Path root =
        temporary
            ? Files.createTempDirectory("asperity-bench")
            : Files.createDirectories(directory);
    SimulationConfig config =
        SimulationConfig.builder().preset(Preset.NATURE).seed(7).durationYears(years).build();
    out.printf(
        Locale.ROOT,
        "%d stations, daily sampling, %.0f simulated years per run, one thread%n",
        new Simulation(config).model().stationCount(),
        years);

    SimulationConfig warmUp = config.toBuilder().durationYears(Math.min(30.0, years)).build();
    generate(warmUp, EpochSink.discard());
    try (AvroFileSink sink = new AvroFileSink(root.resolve("warm-up"), warmUp)) {
      generate(warmUp, sink);
    }
    delete(root.resolve("warm-up"));
    double generationOnly = rate(generate(config, EpochSink.discard()));
    out.printf(
        Locale.ROOT, "generation only (no writing)      %6.2f M obs/s%n", generationOnly / 1e6);

    Path file = root.resolve("null-codec");
    SimulationSummary toFile;
    try (AvroFileSink sink = new AvroFileSink(file, config)) {
      toFile = generate(config, sink);
    }
    double generationToFile = rate(toFile);
    long bytes = Files.size(file.resolve(AvroFileSink.OBSERVATIONS));
    out.printf(
        Locale.ROOT,
        "generation to Avro file           %6.2f M obs/s (%.0f bytes/obs)%n",
        generationToFile / 1e6,
        (double) bytes / toFile.observations());
    delete(file);

    double writingOnly = writeOnly(config, toFile.observations(), root.resolve("write-only"));
    out.printf(Locale.ROOT, "writing only (pre-generated)      %6.2f M obs/s%n", writingOnly / 1e6);

    Path deflated = root.resolve("deflate");
    SimulationSummary deflate;
    try (AvroFileSink sink = new AvroFileSink(deflated, config, CodecFactory.deflateCodec(1))) {
      deflate = generate(config, sink);
    }
    out.printf(
        Locale.ROOT,
        "generation to Avro file, deflate-1 %5.2f M obs/s (%.0f bytes/obs)%n",
        rate(deflate) / 1e6,
        (double) Files.size(deflated.resolve(AvroFileSink.OBSERVATIONS)) / deflate.observations());
    delete(deflated);

    out.printf(
        Locale.ROOT,
        "ratio generation-to-file / writing-only = %.2f, / generation-only = %.2f%n",
        generationToFile / writingOnly,
        generationToFile / generationOnly);
    if (temporary) {
      delete(root);
    }
  }

  private static SimulationSummary generate(SimulationConfig config, EpochSink sink)
      throws IOException {
    return new Simulation(config).run(sink, ProgressListener.none());
  }

  private static double rate(SimulationSummary summary) {
    return summary.observations() / summary.wallSeconds();
  }

  /**
   * Buffers epochs of a short simulation, then times writing that many observations from the
   * buffer.
   */
  private static double writeOnly(SimulationConfig config, long observations, Path directory)
      throws IOException {
    Simulation simulation = new Simulation(config);
    List<EpochObservations> buffer = new ArrayList<>();
    EpochSink capture =
        (region, micros, o) -> {
          EpochObservations copy = new EpochObservations(o.stationCount());
          copy.copyFrom(o);
          buffer.add(copy);
        };
    for (int i = 0; i < BUFFERED_EPOCHS && simulation.step(capture); i++) {
      // filling the buffer
    }
    long interval = simulation.timeAxis().intervalMicros();
    long start = simulation.timeAxis().startMicros();
    long written;
    long began;
    long ended;
    try (AvroFileSink sink = new AvroFileSink(directory, config)) {
      sink.begin(simulation.model(), simulation.regionIds());
      began = System.nanoTime();
      long epoch = 0;
      while (sink.observationsWritten() < observations) {
        sink.observations(0, start + epoch * interval, buffer.get((int) (epoch % buffer.size())));
        epoch++;
      }
      sink.close();
      ended = System.nanoTime();
      written = sink.observationsWritten();
    }
    delete(directory);
    return written / ((double) (ended - began) / TimeUnits.NANOS_PER_SECOND);
  }

  private static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
