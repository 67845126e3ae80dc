package org.asperity.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.asperity.app.metrics.CommandMetricsServer;
import org.asperity.app.metrics.ReplayMetrics;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.KafkaOptions;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.TopicSpec;
import org.asperity.replay.GnssFiles;
import org.asperity.replay.KafkaObservationSink;
import org.asperity.replay.KafkaRangeReader;
import org.asperity.replay.MergedReader;
import org.asperity.replay.ObservationReader;
import org.asperity.replay.ObservationSink;
import org.asperity.replay.RejectLog;
import org.asperity.replay.Replay;
import org.asperity.replay.ReplayOptions;
import org.asperity.replay.ReplaySummary;
import org.asperity.time.DurationConverter;
import org.asperity.time.TimeUnits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./asperity replay}: history back into the observations topic. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    header =
        "Replay GNSS files (.tenv3, .pos, .neu, .trk), Avro files or a Kafka range into Kafka.",
    description = {
      "Replay GNSS observations into Kafka: real time-series files (NGL .tenv3, PBO .pos,",
      "SIO .neu, RTKLIB .pos, GAMIT TRACK .trk/.NEU), Avro files written by 'simulate --out',",
      "or a range of a Kafka topic. A file's format is told by its content, not its name;",
      "each file is read whole and sorted by epoch, and a repeated station and epoch is",
      "dropped and counted.",
      "Historic mode keeps the original event times (the job's forecasts are then the same",
      "at any speed); --shift-to-now moves them so the first epoch is now.",
      "",
      "Examples:",
      "  ./asperity replay data/gnss/LHAS.tenv3 --bootstrap-servers localhost:9092",
      "  ./asperity replay run/nature.avro --pace 30d --bootstrap-servers localhost:9092",
      "  ./asperity replay --source-topic gnss.archive --produced-after 2026-11-01 \\",
      "      --produced-before 2026-11-02 --bootstrap-servers localhost:9092",
      "  ./asperity replay stations/*.tenv3 --dry-run      (read and check only)",
      "",
      "While it runs, Prometheus metrics are served at http://127.0.0.1:9252/metrics",
      "(--metrics-bind, --metrics-port): asperity_replay_records_total (observations",
      "replayed), asperity_replay_rejects_total{reason} (lines or records skipped, duplicate",
      "epochs included as DUPLICATE_EPOCH) and",
      "asperity_replay_event_time_seconds (the event time reached).",
      ""
    })
final class ReplayCommand implements Callable<Integer> {
  /** Partitions of a target topic this command has to create (a name outside the topic table). */
  private static final int OBSERVATION_PARTITIONS = 4;

  @Spec CommandSpec spec;
  @Mixin KafkaOptions kafka;
  @Mixin MetricsOptions metricsOptions = new MetricsOptions(MetricsOptions.REPLAY_PORT);

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description =
          "Files to replay (.tenv3, .pos, .neu, .trk, .avro; format told by content), merged in epoch order.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--source-topic",
      paramLabel = "TOPIC",
      description = "Replay a Kafka topic instead of files.")
  String sourceTopic;

  @Option(
      names = "--produced-after",
      paramLabel = "TIME",
      description =
          "With --source-topic: records produced at or after this (Kafka timestamp; ISO instant or date).")
  String producedAfter;

  @Option(
      names = "--produced-before",
      paramLabel = "TIME",
      description =
          "With --source-topic: records produced at or before this (ISO instant or date).")
  String producedBefore;

  @Option(
      names = "--topic",
      defaultValue = "gnss.observations",
      paramLabel = "TOPIC",
      description = "Topic to write to (default: ${DEFAULT-VALUE}).")
  String targetTopic;

  @Option(
      names = "--shift-to-now",
      description =
          "Shift event times so the first replayed epoch is now (default: historic times).")
  boolean shiftToNow;

  @Option(
      names = "--pace",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Event time per wall-clock second, e.g. 1s (real time), 1d, 365d; default: as fast as possible.")
  Duration pace;

  @Option(
      names = "--stations",
      split = ",",
      paramLabel = "CODE[,CODE...]",
      description = "Only these stations.")
  List<String> stations = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "Only epochs at or after this (original event time; ISO instant or date).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "Only epochs before this (original event time; ISO instant or date).")
  String to;

  @Option(
      names = "--network",
      paramLabel = "NAME",
      description =
          "Network of the stations in text files (default: NGL, PBO, SIO, RTKLIB or TRACK after the format). The job forecasts per network.")
  String network;

  @Option(
      names = "--strict",
      description =
          "Stop at the first malformed line or record (default: skip it, count it, name it in the summary).")
  boolean strict;

  @Option(names = "--dry-run", description = "Read and check everything, write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    if (files.isEmpty() == (sourceTopic == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give FILEs or --source-topic (one of them)");
    }
    if (sourceTopic == null && (producedAfter != null || producedBefore != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--produced-after/--produced-before need --source-topic");
    }
    ReplayOptions options =
        new ReplayOptions(
            shiftToNow,
            pace == null
                ? Double.POSITIVE_INFINITY
                : pace.toMillis() / (double) TimeUnits.MILLIS_PER_SECOND,
            new HashSet<>(stations),
            instant(from, "--from"),
            instant(to, "--to"),
            Instant.now());
    RejectLog rejects = new RejectLog(strict);
    KafkaClientSettings settings = (dryRun && sourceTopic == null) ? null : kafka.settings(null);

    ReplayMetrics metrics = new ReplayMetrics();
    ObservationReader reader = open(settings, rejects);
    ReplaySummary summary;
    try (reader;
        CommandMetricsServer server = metricsOptions.serve(metrics.registry());
        ObservationSink sink = dryRun ? discard() : kafkaSink(settings)) {
      server
          .url()
          .ifPresent(
              url -> {
                spec.commandLine().getOut().println("Prometheus metrics at " + url);
                spec.commandLine().getOut().flush();
              });
      Replay replay = new Replay(reader, options, rejects);
      ProgressBar bar = new ProgressBar(System.err, "replaying");
      try (StopSignal stop = new StopSignal()) {
        Thread watcher =
            new Thread(
                () -> {
                  try {
                    stop.await(null);
                    replay.requestStop();
                  } catch (InterruptedException ignored) {
                    // replay finished
                  }
                },
                "asperity-replay-stop");
        watcher.setDaemon(true);
        watcher.start();
        try {
          summary =
              replay.run(
                  sink,
                  p -> {
                    metrics.progress(p, rejects.skippedByReason());
                    bar.update(
                        Double.NaN,
                        String.format(
                            Locale.ROOT,
                            "%,d records, event time %s, %,d rejected",
                            p.written(),
                            p.currentEpoch(),
                            p.rejected()));
                  });
        } finally {
          bar.done();
          watcher.interrupt();
        }
      }
    }
    spec.commandLine().getOut().println(summary);
    spec.commandLine()
        .getOut()
        .println(dryRun ? "  (dry run: nothing written)" : "  written to " + targetTopic);
    return 0;
  }

  private ObservationReader open(KafkaClientSettings settings, RejectLog rejects) throws Exception {
    if (sourceTopic != null) {
      return new KafkaRangeReader(
          settings,
          sourceTopic,
          instant(producedAfter, "--produced-after"),
          instant(producedBefore, "--produced-before"),
          rejects);
    }
    List<ObservationReader> readers = new ArrayList<>();
    for (Path f : files) {
      readers.add(GnssFiles.open(f, network, rejects));
    }
    return readers.size() == 1 ? readers.get(0) : new MergedReader(readers, rejects);
  }

  private ObservationSink kafkaSink(KafkaClientSettings settings) {
    // Only the target topic: a replaying principal may have rights on nothing else.
    TopicSpec target =
        TopicNames.defaults().all().stream()
            .filter(t -> t.name().equals(targetTopic))
            .findFirst()
            .orElse(new TopicSpec(targetTopic, OBSERVATION_PARTITIONS));
    try (TopicAdmin admin = TopicAdmin.connect(settings)) {
      admin.ensureTopics(List.of(target), Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot use topic " + targetTopic + ": " + KafkaErrors.describe(e), e);
    }
    return new KafkaObservationSink(settings, targetTopic);
  }

  private static ObservationSink discard() {
    return new ObservationSink() {
      @Override
      public void accept(org.asperity.schemas.GnssObservation observation) {}

      @Override
      public void close() {}
    };
  }

  private Instant instant(String text, String flag) {
    if (text == null) {
      return null;
    }
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          flag + " '" + text + "' is not a date (2026-11-25) or an instant (2026-11-25T10:00:00Z)");
    }
  }
}
