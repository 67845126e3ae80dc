package org.asperity.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.asperity.bench.job.ClusterThroughputBenchmark;
import org.asperity.bench.job.ThroughputBenchmark;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaOptions;

/**
 * {@code ./asperity bench throughput --cluster}: kept apart from {@link BenchThroughputCommand},
 * which only dispatches here.
 */
final class ClusterThroughputCommand {
  private ClusterThroughputCommand() {}

  /** Refuses what the cluster runs cannot do, before anything starts. */
  static void validate(KafkaOptions kafka) {
    if (kafka.hasCluster()) {
      // The cluster's job would need the same client settings (SASL, TLS) as this process.
      throw new IllegalArgumentException(
          "--cluster reads from the embedded broker: leave out --bootstrap-servers");
    }
  }

  static void run(
      BenchSession session,
      JobModel model,
      Path modelFile,
      ThroughputBenchmark.Settings settings,
      PrintStream out)
      throws Exception {
    Path jar = JobJarOption.requireDefault();
    Path work = RunDirectories.create("asperity-bench-cluster-");
    ClusterThroughputBenchmark.Result result;
    try {
      result =
          ClusterThroughputBenchmark.run(
              session.kafka(),
              model,
              Optional.ofNullable(modelFile).map(Path::toAbsolutePath),
              jar,
              work,
              settings,
              out);
    } catch (Exception | Error e) {
      out.println("the clusters' files and logs are kept in " + work);
      throw e;
    }
    RunDirectories.delete(work);
    result.print(out);
  }
}
