package org.asperity.bench.job;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.TopicSpec;
import org.asperity.schemas.DeadLetterReason;
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
  /**
   * What to measure.
   *
   * @param stateBackends the Asperity job runs once on each, in this order, on the same
   *     observations (the malformed run uses the first)
   */
  public record Settings(
      long observations,
      int stations,
      int parallelism,
      int partitions,
      Duration checkpointInterval,
      long seed,
      boolean baseline,
      double malformedPercent,
      Duration sampling,
      List<JobOptions.StateBackend> stateBackends) {
    /**
     * The heap only: on RocksDB the job reads and rewrites a region's whole state for every station
     * snapshot (see BENCHMARKS.md), so it processes 100 to 350 observations a second, and a
     * default-sized run would take days.
     */
    public static final List<JobOptions.StateBackend> DEFAULT_STATE_BACKENDS =
        List.of(JobOptions.StateBackend.HASHMAP);

    /** Both backends, the heap first: side by side. */
    public static final List<JobOptions.StateBackend> BOTH_STATE_BACKENDS =
        List.of(JobOptions.StateBackend.HASHMAP, JobOptions.StateBackend.ROCKSDB);

    public Settings {
      if (stateBackends.isEmpty()) {
        throw new IllegalArgumentException("at least one state backend");
      }
      stateBackends = List.copyOf(stateBackends);
    }

    /** The default state backends. */
    public Settings(
        long observations,
        int stations,
        int parallelism,
        int partitions,
        Duration checkpointInterval,
        long seed,
        boolean baseline,
        double malformedPercent,
        Duration sampling) {
      this(
          observations,
          stations,
          parallelism,
          partitions,
          checkpointInterval,
          seed,
          baseline,
          malformedPercent,
          sampling,
          DEFAULT_STATE_BACKENDS);
    }

    /**
     * 20 million observations of 2,600 stations, parallelism 2, 4 partitions, 5 s checkpoints, with
     * the baseline, no malformed run, one sample per station and tick, the heap state backend.
     */
    public static Settings defaults() {
      return new Settings(20_000_000L, 2_600, 2, 4, Duration.ofSeconds(5), 1L, true, 0, null);
    }

    public Settings withStateBackends(List<JobOptions.StateBackend> value) {
      return new Settings(
          observations,
          stations,
          parallelism,
          partitions,
          checkpointInterval,
          seed,
          baseline,
          malformedPercent,
          sampling,
          value);
    }

    /**
     * Time between a station's samples, µs: {@code sampling} if given (a real-time feed the job
     * aggregates into its ticks), else the model's tick interval.
     */
    long samplingMicros(long tickIntervalMicros) {
      return sampling == null ? tickIntervalMicros : sampling.toNanos() / TimeUnits.NANOS_PER_MICRO;
    }

    /** Whether the job also reads the stream with malformed records mixed in. */
    public boolean malformedRun() {
      return malformedPercent > 0;
    }
  }

  /**
   * The Asperity job on the same observations with malformed records mixed in.
   *
   * @param malformedRecords how many, besides the valid observations
   * @param seconds how long the job took to read all of them: the fastest measured run
   * @param deadLetters records the job refused in one run, by reason
   * @param cleanDeadLetters records it refused in one clean run (late ones, say)
   * @param warmUpCleanSeconds the first pair's clean run (JIT warming up)
   * @param warmUpSeconds the first pair's run with the malformed records
   * @param cleanSeconds every measured clean run
   * @param measuredSeconds every measured run with the malformed records
   */
  public record MalformedRun(
      double percent,
      long malformedRecords,
      double seconds,
      Map<String, Long> deadLetters,
      long cleanDeadLetters,
      double warmUpCleanSeconds,
      double warmUpSeconds,
      List<Double> cleanSeconds,
      List<Double> measuredSeconds) {
    public long deadLetterCount() {
      return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Measured pairs (clean, malformed) after the warm-up pair. */
  static final int MEASURED_PAIRS = 2;

  private static Map<String, Double> deadLettersByReason() {
    Map<String, Double> out = new TreeMap<>();
    for (DeadLetterReason r : DeadLetterReason.values()) {
      out.put(
          r.name(),
          JobMetrics.peek().count("asperity.observations.dead.letter", "reason", r.name()));
    }
    return out;
  }

  private static Map<String, Long> since(Map<String, Double> before) {
    Map<String, Long> out = new TreeMap<>();
    deadLettersByReason()
        .forEach(
            (reason, count) -> {
              long n = (long) (count - before.get(reason));
              if (n != 0) {
                out.put(reason, n);
              }
            });
    return out;
  }

  /**
   * The Asperity job on one state backend.
   *
   * @param checkpoints its completed checkpoints, as Flink reports them
   */
  public record BackendRun(
      JobOptions.StateBackend backend,
      double seconds,
      long observations,
      long peakHeapBytes,
      List<LocalJob.CompletedCheckpoint> checkpoints) {
    public double perSecond() {
      return observations / seconds;
    }

    /** The largest full state a checkpoint stood for, bytes. */
    public long largestStateBytes() {
      return checkpoints.stream()
          .mapToLong(LocalJob.CompletedCheckpoint::stateBytes)
          .max()
          .orElse(0);
    }

    /** The most one checkpoint wrote, bytes: the full state unless incremental. */
    public long largestCheckpointedBytes() {
      return checkpoints.stream()
          .mapToLong(LocalJob.CompletedCheckpoint::checkpointedBytes)
          .max()
          .orElse(0);
    }

    /** The median checkpoint's bytes written. */
    public long medianCheckpointedBytes() {
      long[] sorted =
          checkpoints.stream()
              .mapToLong(LocalJob.CompletedCheckpoint::checkpointedBytes)
              .sorted()
              .toArray();
      return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    public Duration slowest() {
      return checkpoints.stream()
          .map(LocalJob.CompletedCheckpoint::duration)
          .max(Duration::compareTo)
          .orElse(Duration.ZERO);
    }

    public Duration slowestPersist() {
      return checkpoints.stream()
          .map(LocalJob.CompletedCheckpoint::persistDuration)
          .max(Duration::compareTo)
          .orElse(Duration.ZERO);
    }
  }

  /**
   * Prints the backends side by side: obs/s (and the ratio to the pass-through, if measured),
   * checkpoint sizes and durations.
   */
  public static void printBackends(
      List<BackendRun> runs, double passThroughPerSecond, int stations, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "  state backends side by side (the same observations, one run each; sizes and durations"
            + " of the completed checkpoints as Flink reports them):%n");
    out.printf(
        Locale.ROOT,
        "    %-8s %12s %6s %6s %14s %14s %14s %9s %9s %11s%n",
        "backend",
        "obs/s",
        "ratio",
        "ckpts",
        "full (max)",
        "written (max)",
        "written (med)",
        "slowest",
        "persist",
        "peak heap");
    for (BackendRun r : runs) {
      out.printf(
          Locale.ROOT,
          "    %-8s %12s %6s %6d %14s %14s %14s %8.1fs %8.1fs %11s%n",
          r.backend(),
          BenchmarkSupport.count(r.perSecond()),
          Double.isNaN(passThroughPerSecond)
              ? "-"
              : String.format(Locale.ROOT, "%.2f", r.perSecond() / passThroughPerSecond),
          r.checkpoints().size(),
          BenchmarkSupport.mib(r.largestStateBytes()),
          BenchmarkSupport.mib(r.largestCheckpointedBytes()),
          BenchmarkSupport.mib(r.medianCheckpointedBytes()),
          r.slowest().toMillis() / 1000.0,
          r.slowestPersist().toMillis() / 1000.0,
          BenchmarkSupport.mib(r.peakHeapBytes()));
    }
    if (runs.size() > 1) {
      out.printf(
          Locale.ROOT,
          "    ratio %s / %s obs/s: %.2f; full checkpoint per station: %s%n",
          runs.get(1).backend(),
          runs.get(0).backend(),
          runs.get(1).perSecond() / runs.get(0).perSecond(),
          String.join(
              ", ",
              runs.stream()
                  .map(
                      r ->
                          r.backend()
                              + " "
                              + BenchmarkSupport.kib((double) r.largestStateBytes() / stations))
                  .toList()));
    }
    out.printf(
        Locale.ROOT,
        "    slowest: trigger to last acknowledgement (includes records queued ahead of the"
            + " barrier while the job runs flat out); persist: the slowest subtask's snapshot and"
            + " upload%n");
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
      long forecasts,
      long intervals,
      MalformedRun malformed,
      List<BackendRun> backends) {
    public double passThroughPerSecond() {
      return observations / passThroughSeconds;
    }

    public double asperityPerSecond() {
      return observations / asperitySeconds;
    }

    public double ratio() {
      return asperityPerSecond() / passThroughPerSecond();
    }

    /** Valid observations per second with malformed records mixed in, over the clean run's. */
    public double malformedRatio() {
      return malformed == null ? Double.NaN : asperitySeconds / malformed.seconds();
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
      if (intervals > 0) {
        out.printf(
            Locale.ROOT,
            "  aggregated into %s interval positions (%.0f observations each on average)%n",
            BenchmarkSupport.count(intervals),
            observations / (double) intervals);
      }
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
      printBackends(backends, passThroughPerSecond(), stations, out);
      if (malformed != null) {
        out.printf(
            Locale.ROOT,
            "  warm-up pair: clean %.1f s, malformed %.1f s; measured: clean %s s, malformed %s s;"
                + " the fastest of each (above and below) are compared%n",
            malformed.warmUpCleanSeconds(),
            malformed.warmUpSeconds(),
            seconds(malformed.cleanSeconds()),
            seconds(malformed.measuredSeconds()));
        out.printf(
            Locale.ROOT,
            "  with %.2f %% malformed (%s records: random bytes, truncated, wrong fingerprint;"
                + " %s dead letters, %s in the clean run): %7.1f s  %12s obs/s  (%s records/s)%n",
            malformed.percent(),
            BenchmarkSupport.count(malformed.malformedRecords()),
            BenchmarkSupport.count(malformed.deadLetterCount()) + " " + malformed.deadLetters(),
            BenchmarkSupport.count(malformed.cleanDeadLetters()),
            malformed.seconds(),
            BenchmarkSupport.count(observations / malformed.seconds()),
            BenchmarkSupport.count(
                (observations + malformed.malformedRecords()) / malformed.seconds()));
        out.printf(
            Locale.ROOT,
            "  ratio malformed / clean (valid obs/s): %.2f (goal >= 0.90)%n",
            malformedRatio());
      }
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
    TopicNames topics = TopicNames.ofRun(run);
    String passThroughTopic = run + ".pass-through";
    createTopics(
        kafka, topics, settings, List.of(new TopicSpec(passThroughTopic, settings.partitions())));
    long t0 = System.nanoTime();
    long[] written = preload(kafka, topics, model, settings, 0, progress);
    double preloadSeconds = seconds(System.nanoTime() - t0);

    JobOptions options = options(kafka, topics, run, settings);
    double passThroughSeconds = Double.NaN;
    if (settings.baseline()) {
      if (progress != null) {
        progress.println("  running the pass-through job");
      }
      passThroughSeconds = passThrough(options, passThroughTopic);
    }

    List<JobOptions.StateBackend> backends = settings.stateBackends();
    if (progress != null) {
      progress.println("  running the asperity job (" + backends.get(0) + " state)");
    }
    double forecastsBefore = JobMetrics.peek().count("asperity.forecasts");
    double intervalsBefore = JobMetrics.peek().countAll("asperity.intervals");
    double cleanDeadBefore = JobMetrics.peek().countAll("asperity.observations.dead.letter");
    JobRun clean = runAsperity(options.toBuilder().stateBackend(backends.get(0)).build(), model);
    long forecasts = (long) (JobMetrics.peek().count("asperity.forecasts") - forecastsBefore);
    long intervals = (long) (JobMetrics.peek().countAll("asperity.intervals") - intervalsBefore);
    long cleanDeadLetters =
        (long) (JobMetrics.peek().countAll("asperity.observations.dead.letter") - cleanDeadBefore);
    double firstCleanSeconds = clean.seconds();
    List<BackendRun> backendRuns = new ArrayList<>();
    backendRuns.add(clean.on(backends.get(0), written[0]));
    for (JobOptions.StateBackend backend : backends.subList(1, backends.size())) {
      if (progress != null) {
        progress.println("  running the asperity job (" + backend + " state)");
      }
      // A consumer group and transactional ids of its own: the same records, read afresh.
      JobOptions other =
          options(kafka, topics, run + "-" + backend, settings).toBuilder()
              .stateBackend(backend)
              .build();
      backendRuns.add(runAsperity(other, model).on(backend, written[0]));
    }

    MalformedRun malformed = null;
    if (settings.malformedRun()) {
      // The same valid observations (same seed) with malformed records between them, in topics of
      // their own: the only difference to the clean run is the malformed. The first pair warms the
      // JIT; then MEASURED_PAIRS pairs, clean and malformed in turn, and the fastest of each kind
      // is compared, which keeps most of a shared machine's interference out of the ratio.
      String mixedRun = run + "-malformed";
      TopicNames mixedTopics = TopicNames.ofRun(mixedRun);
      createTopics(kafka, mixedTopics, settings, List.of());
      long[] mixedWritten =
          preload(kafka, mixedTopics, model, settings, settings.malformedPercent(), progress);
      Map<String, Double> reasonsBefore = deadLettersByReason();
      JobRun firstMixed = runMixed(kafka, mixedTopics, mixedRun + "-0", settings, model, progress);
      Map<String, Long> reasons = since(reasonsBefore);
      List<Double> cleanSeconds = new ArrayList<>();
      List<Double> mixedSeconds = new ArrayList<>();
      for (int pair = 1; pair <= MEASURED_PAIRS; pair++) {
        if (progress != null) {
          progress.printf(Locale.ROOT, "  measured pair %d of %d%n", pair, MEASURED_PAIRS);
        }
        JobRun c =
            runAsperity(
                options(kafka, topics, run + "-" + pair, settings).toBuilder()
                    .stateBackend(backends.get(0))
                    .build(),
                model);
        cleanSeconds.add(c.seconds());
        if (c.seconds() < clean.seconds() || pair == 1) {
          clean = c;
        }
        mixedSeconds.add(
            runMixed(kafka, mixedTopics, mixedRun + "-" + pair, settings, model, progress)
                .seconds());
      }
      malformed =
          new MalformedRun(
              settings.malformedPercent(),
              mixedWritten[1],
              mixedSeconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
              reasons,
              cleanDeadLetters,
              firstCleanSeconds,
              firstMixed.seconds(),
              cleanSeconds,
              mixedSeconds);
    }
    return new Result(
        written[0],
        settings.stations(),
        preloadSeconds,
        passThroughSeconds,
        clean.seconds(),
        clean.largestCheckpointBytes(),
        clean.peakHeapBytes(),
        forecasts,
        intervals,
        malformed,
        backendRuns);
  }

  private static JobRun runMixed(
      KafkaClientSettings kafka,
      TopicNames topics,
      String run,
      Settings settings,
      JobModel model,
      PrintStream progress)
      throws Exception {
    if (progress != null) {
      progress.println("  running the asperity job with the malformed records mixed in");
    }
    return runAsperity(
        options(kafka, topics, run, settings).toBuilder()
            .stateBackend(settings.stateBackends().get(0))
            .build(),
        model);
  }

  static void createTopics(
      KafkaClientSettings kafka, TopicNames topics, Settings settings, List<TopicSpec> extra) {
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
      specs.addAll(extra);
      admin.ensureTopics(specs, Duration.ofSeconds(60));
    }
  }

  /** Writes the observations; returns {valid observations, malformed records} written. */
  static long[] preload(
      KafkaClientSettings kafka,
      TopicNames topics,
      JobModel model,
      Settings settings,
      double malformedPercent,
      PrintStream progress) {
    RegionLayout layout = model.featureSpec().layout();
    long step = settings.samplingMicros(model.featureSpec().config().tickIntervalMicros());
    long start =
        Instant.parse("2000-01-01T00:00:00Z").getEpochSecond() * TimeUnits.MICROS_PER_SECOND;
    try (BenchmarkStream stream =
        new BenchmarkStream(
            kafka, topics.observations(), layout, settings.stations(), settings.seed())) {
      stream.mixMalformed(malformedPercent, settings.seed() + 1);
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
      return new long[] {stream.sent(), stream.malformedSent()};
    }
  }

  static JobOptions options(
      KafkaClientSettings kafka, TopicNames topics, String run, Settings settings) {
    return JobOptions.builder(kafka)
        .topics(topics)
        .groupId(run)
        .startingOffsets(JobOptions.StartingOffsets.EARLIEST)
        .bounded(true)
        .parallelism(settings.parallelism())
        .checkpointInterval(settings.checkpointInterval())
        .metrics(MetricsEndpoint.disabled())
        .transactionalIdPrefix(run)
        .build();
  }

  record JobRun(
      double seconds,
      long largestCheckpointBytes,
      long peakHeapBytes,
      List<LocalJob.CompletedCheckpoint> checkpoints) {
    BackendRun on(JobOptions.StateBackend backend, long observations) {
      return new BackendRun(backend, seconds, observations, peakHeapBytes, checkpoints);
    }
  }

  static JobRun runAsperity(JobOptions options, JobModel model) throws Exception {
    Path checkpoints = Files.createTempDirectory("asperity-bench-checkpoints");
    try {
      System.gc();
      try (BenchmarkSupport.HeapSampler heap = new BenchmarkSupport.HeapSampler();
          BenchmarkSupport.CheckpointSizes sizes =
              new BenchmarkSupport.CheckpointSizes(checkpoints)) {
        long a = System.nanoTime();
        List<LocalJob.CompletedCheckpoint> completed;
        try (LocalJob job =
            LocalJob.start(
                options.toBuilder().checkpointDirectory(checkpoints.toUri().toString()).build(),
                model)) {
          job.awaitCompletion(Duration.ofHours(2));
          completed = job.checkpoints();
        }
        return new JobRun(
            seconds(System.nanoTime() - a), sizes.largestBytes(), heap.peakBytes(), completed);
      }
    } finally {
      BenchmarkSupport.deleteRecursively(checkpoints);
    }
  }

  static double passThrough(JobOptions options, String outputTopic) throws Exception {
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

  private static String seconds(List<Double> runs) {
    return String.join(
        " / ", runs.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList());
  }

  static double seconds(long nanos) {
    return (double) nanos / TimeUnits.NANOS_PER_SECOND;
  }
}
