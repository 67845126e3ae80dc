package org.asperity.bench.job;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.asperity.features.RegionLayout;
import org.asperity.job.JobOptions;
import org.asperity.job.JobTopology;
import org.asperity.job.LocalJob;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.Topic;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.TopicSpec;
import org.asperity.time.TimeUnits;

/**
 * Throughput of the whole job against a pass-through baseline, measured in one process on one
 * broker: N synthetic observations of S stations (the model's layout repeated over networks) are
 * preloaded into a topic, then a pass-through job (decode, re-encode, write) and the Asperity job
 * each read the topic to its end as bounded jobs on a MiniCluster with the same parallelism. Prints
 * observations per second of both and their ratio, the largest checkpoint per station (the keyed
 * state), and the peak heap in use while the Asperity job ran. Not a test: a measurement.
 */
public final class ThroughputBenchmark {
  /** What to measure. */
  public record Settings(
      long observations,
      int stations,
      int parallelism,
      int partitions,
      Duration checkpointInterval,
      long seed,
      boolean baseline) {
    /**
     * 20 million observations of 2,600 stations, parallelism 2, 4 partitions, 5 s checkpoints, with
     * the baseline.
     */
    public static Settings defaults() {
      return new Settings(20_000_000L, 2_600, 2, 4, Duration.ofSeconds(5), 1L, true);
    }
  }

  /** What was measured. */
  public record Result(
      long observations,
      int stations,
      double preloadSeconds,
      double passThroughSeconds,
      double asperitySeconds,
      long largestCheckpointBytes,
      long peakHeapBytes,
      long forecasts) {
    public double passThroughPerSecond() {
      return observations / passThroughSeconds;
    }

    public double asperityPerSecond() {
      return observations / asperitySeconds;
    }

    public double ratio() {
      return asperityPerSecond() / passThroughPerSecond();
    }

    public double checkpointBytesPerStation() {
      return (double) largestCheckpointBytes / stations;
    }

    public void print(PrintStream out) {
      out.printf(
          Locale.ROOT,
          "throughput: %s observations of %,d stations (preloaded in %.1f s)%n",
          BenchmarkSupport.count(observations),
          stations,
          preloadSeconds);
      out.printf(
          Locale.ROOT,
          "  pass-through (decode + re-encode + write): %7.1f s  %12s obs/s%n",
          passThroughSeconds,
          BenchmarkSupport.count(passThroughPerSecond()));
      out.printf(
          Locale.ROOT,
          "  asperity job (%s forecasts):         %7.1f s  %12s obs/s%n",
          BenchmarkSupport.count(forecasts),
          asperitySeconds,
          BenchmarkSupport.count(asperityPerSecond()));
      out.printf(Locale.ROOT, "  ratio asperity / pass-through: %.2f%n", ratio());
      out.printf(
          Locale.ROOT,
          "  largest checkpoint: %s = %s per station%n",
          BenchmarkSupport.mib(largestCheckpointBytes),
          BenchmarkSupport.kib(checkpointBytesPerStation()));
      out.printf(
          Locale.ROOT,
          "  peak heap in use during the asperity run: %s (this JVM: broker, MiniCluster, job)%n",
          BenchmarkSupport.mib(peakHeapBytes));
    }
  }

  private ThroughputBenchmark() {}

  /**
   * Runs the benchmark against the cluster {@code kafka} names (the caller starts an embedded
   * broker).
   */
  public static Result run(
      KafkaClientSettings kafka, JobModel model, Settings settings, PrintStream progress)
      throws Exception {
    String run = "bench-" + System.currentTimeMillis();
    TopicNames topics =
        TopicNames.defaults()
            .with(Topic.OBSERVATIONS, run + ".observations")
            .with(Topic.SLIP_DEFICIT, run + ".slip")
            .with(Topic.CATALOG_EVENTS, run + ".catalog")
            .with(Topic.FORECASTS, run + ".forecasts")
            .with(Topic.ALERTS, run + ".alerts")
            .with(Topic.ALERTS_CAP, run + ".alerts.cap")
            .with(Topic.ALERTS_JSON, run + ".alerts.json")
            .with(Topic.OBSERVATIONS_DEAD_LETTER, run + ".dlq")
            .with(Topic.MODELS, run + ".models");
    String passThroughTopic = run + ".pass-through";
    try (TopicAdmin admin = TopicAdmin.connect(kafka)) {
      List<TopicSpec> specs =
          new ArrayList<>(
              topics.all().stream()
                  .map(
                      t ->
                          t.name().equals(topics.observations())
                              ? new TopicSpec(t.name(), settings.partitions())
                              : t)
                  .toList());
      specs.add(new TopicSpec(passThroughTopic, settings.partitions()));
      admin.ensureTopics(specs, Duration.ofSeconds(60));
    }

    RegionLayout layout = model.featureSpec().layout();
    long step = model.featureSpec().config().tickIntervalMicros();
    long start =
        Instant.parse("2000-01-01T00:00:00Z").getEpochSecond() * TimeUnits.MICROS_PER_SECOND;
    long t0 = System.nanoTime();
    long written;
    try (BenchmarkStream stream =
        new BenchmarkStream(
            kafka, topics.observations(), layout, settings.stations(), settings.seed())) {
      long epochs = (settings.observations() + settings.stations() - 1) / settings.stations();
      for (long e = 0; e < epochs; e++) {
        stream.sendEpoch(
            start + e * step,
            e * step / (double) TimeUnits.MICROS_PER_SECOND / TimeUnits.SECONDS_PER_YEAR);
        if (e % 1000 == 0 && progress != null) {
          progress.printf(Locale.ROOT, "  preloading: %,d observations%n", stream.sent());
        }
      }
      stream.flush();
      written = stream.sent();
    }
    double preloadSeconds = seconds(System.nanoTime() - t0);

    JobOptions options =
        JobOptions.builder(kafka)
            .topics(topics)
            .groupId(run)
            .startingOffsets(JobOptions.StartingOffsets.EARLIEST)
            .bounded(true)
            .parallelism(settings.parallelism())
            .checkpointInterval(settings.checkpointInterval())
            .metrics(MetricsEndpoint.disabled())
            .transactionalIdPrefix(run)
            .build();

    double passThroughSeconds = Double.NaN;
    if (settings.baseline()) {
      if (progress != null) {
        progress.println("  running the pass-through job");
      }
      passThroughSeconds = passThrough(options, passThroughTopic);
    }

    if (progress != null) {
      progress.println("  running the asperity job");
    }
    Path checkpoints = Files.createTempDirectory("asperity-bench-checkpoints");
    double asperitySeconds;
    long largestCheckpoint;
    long peakHeap;
    double forecastsBefore = JobMetrics.peek().count("asperity.forecasts");
    try {
      System.gc();
      try (BenchmarkSupport.HeapSampler heap = new BenchmarkSupport.HeapSampler();
          BenchmarkSupport.CheckpointSizes sizes =
              new BenchmarkSupport.CheckpointSizes(checkpoints)) {
        long a = System.nanoTime();
        try (LocalJob job =
            LocalJob.start(
                options.toBuilder().checkpointDirectory(checkpoints.toUri().toString()).build(),
                model)) {
          job.awaitCompletion(Duration.ofHours(2));
        }
        asperitySeconds = seconds(System.nanoTime() - a);
        largestCheckpoint = sizes.largestBytes();
        peakHeap = heap.peakBytes();
      }
    } finally {
      BenchmarkSupport.deleteRecursively(checkpoints);
    }
    long forecasts = (long) (JobMetrics.peek().count("asperity.forecasts") - forecastsBefore);
    return new Result(
        written,
        settings.stations(),
        preloadSeconds,
        passThroughSeconds,
        asperitySeconds,
        largestCheckpoint,
        peakHeap,
        forecasts);
  }

  private static double passThrough(JobOptions options, String outputTopic) throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(
            options.parallelism(), new Configuration());
    JobTopology.configure(env, options.toBuilder().checkpointDirectory(null).build());
    PassThroughJob.build(env, options, outputTopic);
    long a = System.nanoTime();
    JobClient client = env.executeAsync("asperity pass-through");
    client.getJobExecutionResult().get();
    return seconds(System.nanoTime() - a);
  }

  private static double seconds(long nanos) {
    return (double) nanos / TimeUnits.NANOS_PER_SECOND;
  }
}
