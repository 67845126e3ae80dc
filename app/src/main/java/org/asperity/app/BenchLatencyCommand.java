package org.asperity.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.asperity.bench.job.LatencyBenchmark;
import org.asperity.bench.job.LatencyModel;
import org.asperity.job.alerts.AlertPolicy;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaOptions;
import org.asperity.time.DurationConverter;
import org.asperity.time.Durations;
import org.asperity.time.TimeUnits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./asperity bench latency}: observation-to-forecast and -alert latency on a live-like 1 Hz
 * feed.
 */
@Command(
    name = "latency",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Latency from observation to forecast and to alert, on a 1 Hz feed paced to the wall clock.",
      "",
      "S stations sampled once per second, each",
      "second's samples produced when the wall clock reaches it, the job unbounded on a Flink",
      "MiniCluster (max out-of-orderness 0, watermarks every 20 ms). Latency = when a consumer",
      "receives a forecast or alert minus when the last observation of its second was handed to",
      "Kafka. Forecasts are read uncommitted; alerts read_committed, so they wait for the checkpoint",
      "that commits them. Prints p50 and p99 after the warm-up.",
      "",
      "The model must tick every second. No trained model does (the trainer forecasts daily), so by",
      "default one is built at start: two decision stumps on a 1-second feature configuration",
      "(windows 10 s / 30 s / 1 min) and the default model's station layout, NOT trained, flipping",
      "between WARNING and CLEAR with the noise so that alerts flow (alert policy: WATCH at a median",
      "of 365.25 d, WARNING at 30 d, any magnitude, one forecast in and out). It says so in the output.",
      "Alerts act only on forecasts inside the training domain (full long windows, an earthquake",
      "seen): the feed carries a synthetic earthquake (every station steps) during the warm-up, and",
      "the warm-up must outlast the long window.",
      "",
      "Example:  ./asperity bench latency --duration 30s",
      ""
    })
final class BenchLatencyCommand implements Callable<Integer> {
  /** Alerts on every level change of the stump model: their latency is what is measured. */
  static final AlertPolicy ALERT_EVERY_FLIP =
      new AlertPolicy(TimeUnits.DAYS_PER_YEAR, 30, 0, 1, 1, 0);

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--stations",
      defaultValue = "2600",
      paramLabel = "N",
      description =
          "Stations sampled every second, over as many networks of the layout as needed (default: ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      paramLabel = "N",
      description = "Parallelism of the job (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--duration",
      defaultValue = "90s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How long to measure after the warm-up (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--warm-up",
      defaultValue = "75s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Feed time before measuring: the job starts, the long windows fill (default: ${DEFAULT-VALUE}).")
  Duration warmUp;

  @Option(
      names = "--earthquake-at",
      defaultValue = "15s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "When, into the feed, every station steps (a synthetic earthquake; alerts need one); 0s = none"
              + " (default: ${DEFAULT-VALUE}).")
  Duration earthquakeAt;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Checkpoints: alerts become visible to read_committed readers at each (default: ${DEFAULT-VALUE}).")
  Duration checkpointInterval;

  @Option(
      names = "--quiet-close",
      defaultValue = "100ms",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "The job's opt-in quiet close: a partition quiet this long closes its newest second at once"
              + " instead of when the next second arrives; 0s = off, as the job's default (default: ${DEFAULT-VALUE}).")
  Duration quietClose;

  @Option(
      names = "--model",
      paramLabel = "FILE.onnx",
      description =
          "A model that ticks every second, instead of the stump model built at start (alerts then follow"
              + " the job's default policy).")
  Path modelFile;

  @Override
  public Integer call() throws Exception {
    BenchThroughputCommand.requirePositive("--stations", stations);
    BenchThroughputCommand.requirePositive("--parallelism", parallelism);
    if (duration.toSeconds() < 1
        || warmUp.isNegative()
        || quietClose.isNegative()
        || earthquakeAt.isNegative()
        || checkpointInterval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "--duration and --checkpoint-interval need at least 1s; --warm-up,"
              + " --quiet-close and --earthquake-at cannot be negative");
    }
    PrintStream out = System.out;
    JobModel model;
    String about;
    if (modelFile == null) {
      // The stations the default model knows, on a one-second configuration.
      model = LatencyModel.on(JobModel.load(null).featureSpec().layout());
      about = LatencyModel.describe(model);
    } else {
      model = JobModel.load(modelFile);
      about = model.describe() + ", from " + modelFile;
    }
    out.printf(
        Locale.ROOT,
        "bench latency: %,d stations at 1 Hz, parallelism %d, %s after a %s warm-up"
            + " (earthquake at %s), checkpoints every %s, quiet close %s%n",
        stations,
        parallelism,
        Durations.format(duration),
        Durations.format(warmUp),
        earthquakeAt.isZero() ? "none" : Durations.format(earthquakeAt),
        Durations.format(checkpointInterval),
        quietClose.isZero() ? "off" : Durations.format(quietClose));
    out.printf(Locale.ROOT, "model:   %s; %s%n", about, BenchSession.describeFeatures(model));
    try (BenchSession session = BenchSession.withKafka(kafka, out)) {
      LatencyBenchmark.Settings settings =
          new LatencyBenchmark.Settings(
              stations,
              parallelism,
              duration,
              warmUp,
              checkpointInterval,
              quietClose,
              modelFile == null ? ALERT_EVERY_FLIP : AlertPolicy.defaults(),
              earthquakeAt.isZero() ? null : earthquakeAt);
      LatencyBenchmark.run(session.kafka(), model, settings, out).print(out);
    }
    return 0;
  }
}
