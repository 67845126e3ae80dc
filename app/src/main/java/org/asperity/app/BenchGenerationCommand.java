package org.asperity.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.asperity.bench.simulator.GenerationBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./asperity bench generation}: the simulator's rate of writing GNSS observations to a file.
 */
@Command(
    name = "generation",
    mixinStandardHelpOptions = true,
    description = {
      "How fast the simulator writes GNSS observations to an Avro file, on one thread.",
      "",
      "One region of 100 stations at daily sampling (nature preset), against two baselines measured",
      "in the same run: generation alone (into a sink that drops everything) and writing alone (the",
      "same kind of records, pre-generated in memory, through the same file sink); also with deflate.",
      "No Kafka, no Flink: about a minute at the default length.",
      ""
    })
final class BenchGenerationCommand implements Callable<Integer> {

  @Option(
      names = "--years",
      defaultValue = "200",
      paramLabel = "YEARS",
      description =
          "Simulated years per measured run (default: ${DEFAULT-VALUE}: about 7 M observations).")
  double years;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Where the files go, and stay (default: a temporary folder, deleted at the end).")
  Path directory;

  @Override
  public Integer call() throws Exception {
    if (!(years > 0)) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--years must be positive");
    }
    PrintStream out = System.out;
    try (BenchSession session = BenchSession.withoutKafka(out)) {
      GenerationBenchmark.run(years, directory, out);
    }
    return 0;
  }
}
