package org.asperity.bench.job;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.asperity.cluster.ClusterSettings;
import org.asperity.cluster.FlinkRest;
import org.asperity.cluster.FreePorts;
import org.asperity.cluster.LocalCluster;
import org.asperity.features.FeatureConfig;
import org.asperity.features.StationFeatureState;
import org.asperity.job.JobOptions;
import org.asperity.job.JobTopology;
import org.asperity.job.LocalJob.CompletedCheckpoint;
import org.asperity.job.features.FeatureSpec;
import org.asperity.job.features.StationState;
import org.asperity.job.features.StationStateLayout;
import org.asperity.job.features.StationStore;
import org.asperity.kafka.KafkaClientSettings;

/**
 * The station operator's keyed state with every window full, at the scale of a large network, on
 * each state backend. Streaming years of daily samples for tens of thousands of stations through
 * the whole job takes hours (the long window alone is 3650 samples a station), so a stand-in for
 * the station operator's intake fills each station's features with {@code days} daily samples the
 * first time it sees the station: the state is the operator's own (value state {@code station},
 * {@link StationState}, {@link StationStore} in the layout of the backend, the model's feature
 * configuration), only its filling skips Kafka and the windows' input path. Then, after each
 * completed checkpoint, one more day for every station (a source gated by checkpoints): what a
 * daily tick does to the state, once per checkpoint, the worst case for an incremental checkpoint.
 * Checkpoint settings are the job's ({@link JobTopology#configure}). Not a test: a measurement.
 */
public final class FullStateCheckpointBenchmark {
  private FullStateCheckpointBenchmark() {}

  /**
   * @param stations keys of full station state
   * @param days daily samples each station's windows are filled with (more than the long window:
   *     every window full)
   * @param ticks days added to every station after the filling, one after each completed checkpoint
   * @param cluster where the job runs: null for a MiniCluster in this JVM
   */
  public record Settings(
      int stations,
      int days,
      int ticks,
      int parallelism,
      Duration checkpointInterval,
      List<JobOptions.StateBackend> backends,
      OnCluster cluster) {
    public Settings {
      if (stations < 1 || days < 1 || ticks < 1 || parallelism < 1) {
        throw new IllegalArgumentException(
            "stations, days, ticks and parallelism must be positive");
      }
      backends = List.copyOf(backends);
    }
  }

  /**
   * The local multi-process cluster ({@code ./asperity cluster}'s): one TaskManager of one slot per
   * parallel task, each a JVM of {@code taskManagerMemory} (Flink's total process memory), its
   * files under {@code workDirectory}.
   */
  public record OnCluster(Path workDirectory, String taskManagerMemory) {}

  /**
   * One backend's run.
   *
   * @param skipped why it did not run (the state cannot fit the heap), else null
   * @param seconds from submission to the last tick's checkpoint (on the cluster: to the third
   *     checkpoint after the last tick)
   * @param peakHeapBytes used heap: of this JVM (the MiniCluster's TaskManager and JobManager), or
   *     on the cluster of the TaskManager that used most
   * @param heapLimitBytes the heap limit of that JVM, or of each TaskManager
   * @param checkpoints the completed checkpoints, the first holding the filled state
   */
  public record Run(
      JobOptions.StateBackend backend,
      String skipped,
      double seconds,
      long peakHeapBytes,
      long heapLimitBytes,
      List<CompletedCheckpoint> checkpoints) {}

  /** Runs each backend in turn; {@code spec} is the model's (its windows are the job's). */
  public static List<Run> run(FeatureSpec spec, Settings settings, PrintStream progress)
      throws Exception {
    long heapPerStation = heapBytesPerStation(spec.config(), settings.days());
    List<Run> runs = new ArrayList<>();
    for (JobOptions.StateBackend backend : settings.backends()) {
      // The heap backend keeps every station's objects on the heap, and a tick replaces each
      // station's while a checkpoint still writes the old ones: 26,000 stations (1.9 GiB of state)
      // ran out of a 3 GiB heap at the first tick. Beyond half the heap the run would only end in
      // an OutOfMemoryError.
      long needed = heapPerStation * settings.stations();
      long available = Runtime.getRuntime().maxMemory();
      if (settings.cluster() != null) {
        // Each TaskManager holds its share of the stations, in a task heap of its own.
        needed /= settings.parallelism();
        available = taskManagerHeapBytes(settings.cluster().taskManagerMemory(), backend);
      }
      if (backend == JobOptions.StateBackend.HASHMAP && needed > 0.5 * available) {
        runs.add(
            new Run(
                backend,
                String.format(
                    Locale.ROOT,
                    "the state needs ~%s of heap (%s per station), more than half %s's %s",
                    BenchmarkSupport.mib(needed),
                    BenchmarkSupport.kib(heapPerStation),
                    settings.cluster() == null ? "this JVM" : "a TaskManager",
                    BenchmarkSupport.mib(available)),
                Double.NaN,
                0,
                available,
                List.of()));
        continue;
      }
      if (progress != null) {
        progress.printf(
            Locale.ROOT,
            "  %s: filling %,d stations with %,d days each, then %d ticks%n",
            backend,
            settings.stations(),
            settings.days(),
            settings.ticks());
      }
      runs.add(
          settings.cluster() == null
              ? runOne(spec, settings, backend, progress)
              : runOnCluster(spec, settings, backend, progress));
    }
    return runs;
  }

  private static Run runOne(
      FeatureSpec spec, Settings settings, JobOptions.StateBackend backend, PrintStream progress)
      throws Exception {
    Path checkpoints = Files.createTempDirectory("asperity-bench-full-state");
    try {
      JobOptions options =
          JobOptions.builder(KafkaClientSettings.fromCommandLine("unused:9092", null, List.of()))
              .parallelism(settings.parallelism())
              .checkpointInterval(settings.checkpointInterval())
              .checkpointDirectory(checkpoints.toUri().toString())
              .stateBackend(backend)
              .build();
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      define(env, spec, settings, options, false);

      Configuration cluster = new Configuration();
      MiniClusterConfiguration configuration =
          new MiniClusterConfiguration.Builder()
              .setConfiguration(cluster)
              .setNumTaskManagers(1)
              .setNumSlotsPerTaskManager(settings.parallelism())
              .build();
      System.gc();
      ConcurrentSkipListMap<Long, CompletedCheckpoint> seen = new ConcurrentSkipListMap<>();
      try (MiniCluster miniCluster = new MiniCluster(configuration);
          BenchmarkSupport.HeapSampler heap = new BenchmarkSupport.HeapSampler()) {
        miniCluster.start();
        long a = System.nanoTime();
        JobID id = miniCluster.submitJob(env.getStreamGraph()).get().getJobID();
        var result = miniCluster.requestJobResult(id);
        int reported = 0;
        while (!result.isDone()) {
          collect(miniCluster, id, seen);
          if (progress != null && seen.size() > reported) {
            reported = seen.size();
            CompletedCheckpoint c = seen.lastEntry().getValue();
            progress.printf(
                Locale.ROOT,
                "    checkpoint %d: %s full, %s written, %.1f s%n",
                c.id(),
                BenchmarkSupport.mib(c.stateBytes()),
                BenchmarkSupport.mib(c.checkpointedBytes()),
                c.duration().toMillis() / 1000.0);
          }
          try {
            result.get(200, TimeUnit.MILLISECONDS);
          } catch (java.util.concurrent.TimeoutException e) {
            // still running
          }
        }
        double seconds = (System.nanoTime() - a) / 1e9;
        JobResult done = result.get();
        if (!done.isSuccess()) {
          throw new IllegalStateException(
              "the " + backend + " run failed",
              done.getSerializedThrowable().map(t -> (Throwable) t).orElse(null));
        }
        return new Run(
            backend,
            null,
            seconds,
            heap.peakBytes(),
            Runtime.getRuntime().maxMemory(),
            List.copyOf(seen.values()));
      }
    } finally {
      BenchmarkSupport.deleteRecursively(checkpoints);
    }
  }

  /**
   * The job: the job's checkpoint settings, a source gated by checkpoints, the station state.
   *
   * @param untilCancelled after the last tick the source goes on with rounds that touch no state,
   *     so the job runs (and its checkpoints stay readable over REST, which forgets them once a job
   *     has finished) until it is cancelled; otherwise it ends after the last tick
   */
  private static void define(
      StreamExecutionEnvironment env,
      FeatureSpec spec,
      Settings settings,
      JobOptions options,
      boolean untilCancelled) {
    JobTopology.configure(env, options);
    int n = settings.stations();
    // Record i is station i % n on round i / n; one round is let through per checkpoint.
    DataGeneratorSource<Long> rounds =
        new DataGeneratorSource<>(
            i -> i,
            untilCancelled ? Long.MAX_VALUE : (long) n * (settings.ticks() + 1),
            RateLimiterStrategy.perCheckpoint(n),
            Types.LONG);
    env.fromSource(rounds, WatermarkStrategy.noWatermarks(), "rounds")
        .setParallelism(1)
        .keyBy(i -> stationKey(i % n), Types.STRING)
        .process(
            new FullStations(
                spec,
                settings.days(),
                n,
                settings.ticks(),
                JobTopology.stationStateLayout(options.stateBackend())),
            Types.VOID)
        .name("full station state");
  }

  /**
   * The same job on the local multi-process cluster: its TaskManagers run this JVM's class path, so
   * the job's classes need no jar. Checkpoints and each TaskManager's heap come from the REST API,
   * as an operator would read them.
   */
  private static Run runOnCluster(
      FeatureSpec spec, Settings settings, JobOptions.StateBackend backend, PrintStream progress)
      throws Exception {
    OnCluster where = settings.cluster();
    Path data = Files.createDirectories(where.workDirectory()).resolve(backend.flinkName());
    BenchmarkSupport.deleteRecursively(data);
    ClusterSettings cluster =
        new ClusterSettings(
                data,
                settings.parallelism(),
                1,
                FreePorts.one(),
                FreePorts.one(),
                FreePorts.pair(),
                where.taskManagerMemory(),
                ClusterSettings.DEFAULT_JOB_MANAGER_MEMORY)
            .withStateBackend(backend.flinkName());
    if (progress != null) {
      progress.printf(
          Locale.ROOT,
          "    starting a cluster of %d TaskManagers of one slot, %s each, in %s%n",
          settings.parallelism(),
          where.taskManagerMemory(),
          data);
    }
    try (LocalCluster local = LocalCluster.start(cluster)) {
      FlinkRest rest = local.rest();
      JobOptions options =
          JobOptions.builder(KafkaClientSettings.fromCommandLine("unused:9092", null, List.of()))
              .parallelism(settings.parallelism())
              .checkpointInterval(settings.checkpointInterval())
              .checkpointDirectory(cluster.checkpointDirectory().toUri().toString())
              .stateBackend(backend)
              .build();
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createRemoteEnvironment(
              "127.0.0.1", cluster.restPort(), new Configuration());
      define(env, spec, settings, options, true);
      long a = System.nanoTime();
      JobClient job = env.executeAsync("full station state");
      String id = job.getJobID().toHexString();
      Map<String, Long> peakHeap = new TreeMap<>();
      long heapLimit = 0;
      ConcurrentSkipListMap<Long, CompletedCheckpoint> seen = new ConcurrentSkipListMap<>();
      int reported = 0;
      // A round is let through per completed checkpoint: after ticks + 1 of them the last tick is
      // out; three more see it checkpointed, and what a checkpoint without a tick costs.
      int wanted = settings.ticks() + 4;
      while (seen.size() < wanted && !job.getJobStatus().get().isGloballyTerminalState()) {
        for (String tm : rest.taskManagerIds()) {
          Optional<FlinkRest.Heap> heap = rest.taskManagerHeap(tm);
          if (heap.isPresent()) {
            peakHeap.merge(tm, heap.get().usedBytes(), Math::max);
            heapLimit = Math.max(heapLimit, heap.get().maxBytes());
          }
        }
        collect(rest, id, seen);
        if (progress != null && seen.size() > reported) {
          reported = seen.size();
          CompletedCheckpoint c = seen.lastEntry().getValue();
          progress.printf(
              Locale.ROOT,
              "    checkpoint %d: %s full, %s written, %.1f s; TaskManager heap in use %s%n",
              c.id(),
              BenchmarkSupport.mib(c.stateBytes()),
              BenchmarkSupport.mib(c.checkpointedBytes()),
              c.duration().toMillis() / 1000.0,
              peakHeap.values().stream()
                  .map(BenchmarkSupport::mib)
                  .collect(java.util.stream.Collectors.joining(", ")));
        }
        TimeUnit.MILLISECONDS.sleep(500);
      }
      double seconds = (System.nanoTime() - a) / 1e9;
      if (seen.size() < wanted) {
        throw new IllegalStateException(
            "the "
                + backend
                + " run on the cluster ended "
                + job.getJobStatus().get()
                + ": "
                + rest.rootException(id).orElse("no exception")
                + " (logs in "
                + cluster.logDirectory()
                + ")");
      }
      job.cancel().get();
      long peak = peakHeap.values().stream().mapToLong(Long::longValue).max().orElse(0);
      return new Run(backend, null, seconds, peak, heapLimit, List.copyOf(seen.values()));
    }
  }

  /** The job's completed checkpoints from the cluster's REST API, added to {@code seen}. */
  private static void collect(
      FlinkRest rest, String job, ConcurrentSkipListMap<Long, CompletedCheckpoint> seen)
      throws java.io.IOException {
    for (FlinkRest.CheckpointStatistics c : rest.completedCheckpoints(job)) {
      seen.putIfAbsent(
          c.id(),
          new CompletedCheckpoint(
              c.id(),
              c.stateBytes(),
              c.checkpointedBytes(),
              c.endToEnd(),
              c.slowestSnapshotAndUpload()));
    }
  }

  /** The JVM heap Flink gives a TaskManager of {@code processMemory} for {@code backend}. */
  private static long taskManagerHeapBytes(String processMemory, JobOptions.StateBackend backend) {
    ClusterSettings sized =
        new ClusterSettings(
                Path.of("unused"),
                1,
                1,
                1,
                2,
                3,
                processMemory,
                ClusterSettings.DEFAULT_JOB_MANAGER_MEMORY)
            .withStateBackend(backend.flinkName());
    return sized.taskManagerHeapBytes();
  }

  private static void collect(
      MiniCluster cluster, JobID id, ConcurrentSkipListMap<Long, CompletedCheckpoint> seen) {
    AccessExecutionGraph graph;
    try {
      graph = cluster.getExecutionGraph(id).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return; // finished meanwhile
    }
    CheckpointStatsSnapshot stats = graph.getCheckpointStatsSnapshot();
    if (stats == null) {
      return;
    }
    for (AbstractCheckpointStats c : stats.getHistory().getCheckpoints()) {
      if (c instanceof CompletedCheckpointStats completed) {
        seen.putIfAbsent(c.getCheckpointId(), CompletedCheckpoint.of(completed));
      }
    }
  }

  static String stationKey(long station) {
    return String.format(Locale.ROOT, "bench-%03d/S%05d", station / 100, station % 100_000);
  }

  /** One station's heap with windows filled by {@code days} daily samples. */
  private static long heapBytesPerStation(FeatureConfig config, int days) {
    StationFeatureState state = new StationFeatureState("S00000", config, 90.0);
    StateSizeBenchmark.addDays(state, 0, days, new SplittableRandom(1));
    return new StationState(state).features().heapBytes();
  }

  /**
   * The stand-in for the station operator's intake: the same value state, filled at a station's
   * first record with {@code days} days, one day more at each later record up to {@code ticks}.
   */
  static final class FullStations extends KeyedProcessFunction<String, Long, Void> {
    private static final long serialVersionUID = 1L;
    private final FeatureSpec spec;
    private final int days;
    private final int stations;
    private final int ticks;
    private final StationStateLayout layout;
    private transient StationStore store;
    private transient FeatureConfig config;

    FullStations(FeatureSpec spec, int days, int stations, int ticks, StationStateLayout layout) {
      this.spec = spec;
      this.days = days;
      this.stations = stations;
      this.ticks = ticks;
      this.layout = layout;
    }

    @Override
    public void open(OpenContext context) {
      config = spec.config();
      // The station operator's state: its names, types, serializers and layout.
      store = StationStore.open(getRuntimeContext(), spec.configCanonical(), layout);
    }

    @Override
    public void processElement(Long record, Context context, Collector<Void> out) throws Exception {
      long round = record / stations;
      if (round > ticks) {
        return; // after the last tick: rounds that only keep the job running
      }
      StationState station = store.read();
      SplittableRandom random = new SplittableRandom(record);
      if (station == null) {
        StationFeatureState features =
            new StationFeatureState(context.getCurrentKey().substring(10), config, 90.0);
        StateSizeBenchmark.addDays(features, 0, days, random);
        station = new StationState(features);
      } else {
        store.loadSamples(station);
        int day = days + (int) round - 1;
        StateSizeBenchmark.addDays(station.features(), day, day + 1, random);
      }
      store.write(station);
    }
  }

  /** Prints each backend's numbers and what they extrapolate to at {@code targetStations}. */
  public static void print(Settings settings, List<Run> runs, int targetStations, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "full windows: %,d stations x %,d daily samples each, then %d more days for every station,"
            + " one after each completed checkpoint (parallelism %d, checkpoints every %d s, %s):%n",
        settings.stations(),
        settings.days(),
        settings.ticks(),
        settings.parallelism(),
        settings.checkpointInterval().toSeconds(),
        settings.cluster() == null
            ? "on a MiniCluster in this JVM"
            : "on the local cluster: "
                + settings.parallelism()
                + " TaskManager JVMs of "
                + settings.cluster().taskManagerMemory()
                + " each");
    for (Run run : runs) {
      if (run.skipped() != null) {
        out.printf(Locale.ROOT, "  %-8s not run: %s%n", run.backend(), run.skipped());
        continue;
      }
      List<CompletedCheckpoint> cs = run.checkpoints();
      CompletedCheckpoint largest =
          cs.stream().max(Comparator.comparingLong(CompletedCheckpoint::stateBytes)).orElse(null);
      if (largest == null) {
        out.printf(
            Locale.ROOT, "  %-8s no checkpoint completed (%.1f s)%n", run.backend(), run.seconds());
        continue;
      }
      // The first checkpoint holds the filled state: its end-to-end time is mostly the stand-in
      // filling every station (years of samples each) ahead of the barrier, which a live job
      // never does at once. The later ones are what the goal is about: a day for every station.
      CompletedCheckpoint first = cs.get(0);
      List<CompletedCheckpoint> later = cs.subList(1, cs.size());
      long maxWritten =
          later.stream().mapToLong(CompletedCheckpoint::checkpointedBytes).max().orElse(0);
      long maxMillis = later.stream().mapToLong(c -> c.duration().toMillis()).max().orElse(0);
      long maxPersistMillis =
          later.stream().mapToLong(c -> c.persistDuration().toMillis()).max().orElse(0);
      out.printf(
          Locale.ROOT,
          "  %-8s %d checkpoints; full state %s (%s per station); peak heap %s of %s%s%n",
          run.backend(),
          cs.size(),
          BenchmarkSupport.mib(largest.stateBytes()),
          BenchmarkSupport.kib((double) largest.stateBytes() / settings.stations()),
          BenchmarkSupport.mib(run.peakHeapBytes()),
          BenchmarkSupport.mib(run.heapLimitBytes()),
          settings.cluster() == null ? " (this JVM)" : " (the fullest TaskManager)");
      out.printf(
          Locale.ROOT,
          "           the first (the filled state, behind the filling): written %s, %.1f s end to"
              + " end, %.1f s snapshot and upload%n",
          BenchmarkSupport.mib(first.checkpointedBytes()),
          first.duration().toMillis() / 1000.0,
          first.persistDuration().toMillis() / 1000.0);
      out.printf(
          Locale.ROOT,
          "           the %d after it (a day for every station between two): largest written %s,"
              + " slowest %.1f s end to end, %.1f s snapshot and upload%n",
          later.size(),
          BenchmarkSupport.mib(maxWritten),
          maxMillis / 1000.0,
          maxPersistMillis / 1000.0);
      for (CompletedCheckpoint c : cs) {
        out.printf(
            Locale.ROOT,
            "           checkpoint %d: full %s, written %s, %.1f s end to end, %.1f s snapshot"
                + " and upload%n",
            c.id(),
            BenchmarkSupport.mib(c.stateBytes()),
            BenchmarkSupport.mib(c.checkpointedBytes()),
            c.duration().toMillis() / 1000.0,
            c.persistDuration().toMillis() / 1000.0);
      }
      if (targetStations != settings.stations()) {
        double factor = (double) targetStations / settings.stations();
        out.printf(
            Locale.ROOT,
            "           extrapolated to %,d stations (x %.1f, linear: one state per station):"
                + " full state %s, slowest snapshot and upload %.1f s at this run's rate%n",
            targetStations,
            factor,
            BenchmarkSupport.mib((long) (largest.stateBytes() * factor)),
            maxPersistMillis * factor / 1000.0);
      }
    }
  }
}
