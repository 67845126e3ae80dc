package org.asperity.app;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.asperity.bench.job.StateSizeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./asperity bench state}: keyed state per station against the long window. */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    description = {
      "Keyed state per station (checkpoint and heap) against the long window.",
      "",
      "How the station operator's keyed state grows with the long window: one station's state",
      "(features and bookkeeping, as the state serializer writes it into a checkpoint, and its heap)",
      "after more daily samples than the window holds, for long windows of 730, 1825, 3650 (the",
      "default model's) and 7300 samples, and the checkpoint for S stations. One state per station,",
      "so the total is linear in stations. No Kafka, no Flink cluster: a few seconds.",
      ""
    })
final class BenchStateCommand implements Callable<Integer> {

  @Option(
      names = "--stations",
      defaultValue = "2600",
      paramLabel = "N",
      description = "Stations to total the state for (default: ${DEFAULT-VALUE}).")
  int stations;

  @Override
  public Integer call() throws Exception {
    BenchThroughputCommand.requirePositive("--stations", stations);
    PrintStream out = System.out;
    try (BenchSession session = BenchSession.withoutKafka(out)) {
      StateSizeBenchmark.run(stations, out);
    }
    return 0;
  }
}
