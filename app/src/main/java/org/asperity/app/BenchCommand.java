package org.asperity.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./asperity bench}: the Flink job's benchmarks, one subcommand each. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = {
      BenchThroughputCommand.class,
      BenchLatencyCommand.class,
      BenchStateCommand.class,
      BenchGenerationCommand.class,
      BenchFeaturesCommand.class,
      BenchRecoveryCommand.class
    },
    header = "Benchmarks: job throughput and latency, state size, simulator, features, recovery.",
    description = {
      "Measure the Flink job (and the simulator and features) on this machine: an embedded Kafka",
      "broker (or your cluster) and a Flink MiniCluster in this process; recovery and throughput",
      "--cluster on the multi-process local cluster of ./asperity cluster. Each run prints the machine",
      "it ran on (cores, heap, Java, load average at start and end): the numbers mean little without it.",
      "Measurements, not tests.",
      "",
      "  ./asperity bench throughput --observations 5M",
      "  ./asperity bench throughput --observations 3M --cluster   (parallelism 1, 2, 4)",
      "  ./asperity bench latency --duration 30s",
      "  ./asperity bench state",
      "  ./asperity bench generation        (the simulator, to an Avro file)",
      "  ./asperity bench features          (the features library, one core)",
      "  ./asperity bench recovery --kills 3  (TaskManagers killed on the multi-process cluster)",
      "",
      "Results so far and what they showed: benchmarks/BENCHMARKS.md.",
      ""
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println("Name a benchmark: throughput, latency, state, generation, features or recovery.");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
