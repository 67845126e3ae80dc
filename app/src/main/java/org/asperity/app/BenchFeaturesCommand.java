package org.asperity.app;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.asperity.bench.features.FeatureExtractionBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./asperity bench features}: the per-station feature update on one core. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "How fast the features library updates a station's rolling windows, on one core.",
      "",
      "Synthetic daily GNSS series (trend, noise, outliers, steps) through the default windows",
      "(30/365/3650 samples), epoch-major as a stream interleaves stations, against a baseline that",
      "only touches the same arrays (running sums); also with a snapshot after every sample, a naive",
      "from-scratch recomputation (what the O(1) updates save), the cost of a window origin move and",
      "the heap a station state holds. Thread CPU time, best of 6 rounds. No Kafka, no Flink.",
      ""
    })
final class BenchFeaturesCommand implements Callable<Integer> {

  @Option(
      names = "--stations",
      defaultValue = "100",
      paramLabel = "N",
      description = "Stations per pass (default: ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--days",
      defaultValue = "12000",
      paramLabel = "N",
      description =
          "Daily samples per station per pass (default: ${DEFAULT-VALUE}: the long windows fill).")
  int days;

  @Override
  public Integer call() throws Exception {
    BenchThroughputCommand.requirePositive("--stations", stations);
    BenchThroughputCommand.requirePositive("--days", days);
    PrintStream out = System.out;
    try (BenchSession session = BenchSession.withoutKafka(out)) {
      FeatureExtractionBenchmark.run(stations, days, out);
    }
    return 0;
  }
}
