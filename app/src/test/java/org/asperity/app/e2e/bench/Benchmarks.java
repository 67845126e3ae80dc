package org.asperity.app.e2e.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.asperity.app.e2e.SimulatedNetworks;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionLayout;
import org.asperity.job.alerts.AlertPolicy;
import org.asperity.job.bench.LatencyBenchmark;
import org.asperity.job.bench.StateSizeBenchmark;
import org.asperity.job.bench.ThroughputBenchmark;
import org.asperity.job.scoring.JobModel;
import org.asperity.job.testing.TestModels;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.model.testing.StumpEnsemble;
import org.asperity.simulator.Preset;
import org.asperity.simulator.SimulationConfig;

/**
 * Runs the job's benchmarks on an embedded broker with provisional models on the simulator's station
 * layout (until the trainer's default model exists). Not part of the test suite.
 *
 * <pre>
 * mvn -q -pl app -am test-compile -DskipTests
 * mvn -q -pl app exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.asperity.app.e2e.bench.Benchmarks \
 *     -Dexec.args="throughput 20000000"      (N [parallelism [checkpoint-seconds [baseline]]])
 *     -Dexec.args="latency 90"               (seconds [quiet-close-ms])
 *     -Dexec.args="state 2600"               (stations)
 * </pre>
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "throughput";
    if (which.equals("state")) {
      StateSizeBenchmark.run(args.length > 1 ? Integer.parseInt(args[1]) : 2_600, System.out);
      return;
    }
    RegionLayout layout = SimulatedNetworks.layout(SimulationConfig.builder().preset(Preset.NATURE).build());
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
        .brokerProperty("log.retention.bytes", "-1").brokerProperty("log.segment.bytes", "536870912").start()) {
      KafkaClientSettings kafka = KafkaClientSettings.of(broker.bootstrapServers());
      if (which.equals("throughput")) {
        long n = args.length > 1 ? Long.parseLong(args[1]) : 20_000_000L;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Duration checkpoints = args.length > 3 ? Duration.ofSeconds(Long.parseLong(args[3])) : Duration.ofSeconds(5);
        boolean baseline = args.length <= 4 || Boolean.parseBoolean(args[4]);
        FeatureConfig config = FeatureConfig.defaults();
        JobModel model = TestModels.jobModel(provisional(layout, config, "bench-daily"));
        ThroughputBenchmark.Settings defaults = ThroughputBenchmark.Settings.defaults();
        ThroughputBenchmark.run(kafka, model, new ThroughputBenchmark.Settings(n, defaults.stations(), parallelism,
            defaults.partitions(), checkpoints, defaults.seed(), baseline), System.out).print(System.out);
      } else {
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        Duration quietClose = args.length > 2 ? Duration.ofMillis(Long.parseLong(args[2])) : Duration.ofMillis(100);
        FeatureConfig config = FeatureConfig.builder().tickIntervalMicros(1_000_000L).windows(30, 300, 3600).build();
        JobModel model = TestModels.jobModel(provisional(layout, config, "bench-1hz"));
        LatencyBenchmark.Settings defaults = LatencyBenchmark.Settings.defaults();
        LatencyBenchmark.run(kafka, model, new LatencyBenchmark.Settings(defaults.stations(), defaults.parallelism(),
            Duration.ofSeconds(seconds), defaults.warmUp(), defaults.checkpointInterval(), quietClose,
            new AlertPolicy(365.25, 30, 0, 1, 1, 0)), System.out).print(System.out);
      }
    }
    System.out.printf(Locale.ROOT, "done%n");
  }

  /** Stumps on a short-window rate (the alerts flip with it) and on data quality. */
  static byte[] provisional(RegionLayout layout, FeatureConfig config, String version) {
    FeatureSchema schema = FeatureSchema.of(config, layout);
    int w = config.shortWindowSamples();
    List<StumpEnsemble.Stump> stumps = List.of(
        new StumpEnsemble.Stump(schema.indexOf("coast.w" + w + ".rateTrenchNormal.mean.mmPerYr"), 0f, true,
            new float[] {0f, 0f, 0f, 0.3f}, new float[] {400f, 900f, 2000f, 0f}),
        new StumpEnsemble.Stump(schema.indexOf("quality.stationsUsed.count"), layout.stationCount() - 5, true,
            new float[] {100f, 100f, 100f, 0f}, new float[] {0f, 0f, 0f, 0.1f}));
    return TestModels.onnx(layout, config, version, new float[] {5f, 10f, 30f, 7.5f}, stumps);
  }
}
