package org.asperity.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.asperity.job.JobOptions;
import org.asperity.job.StateBackendConverter;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaOptions;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.TopicSpec;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.time.DurationConverter;
import org.asperity.time.Durations;
import org.asperity.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./asperity demo}: the whole system in one process. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "The whole system in one process: broker, Flink job, simulator, live page.",
    description = {
      "Run the whole system in this process: an embedded Kafka broker (or your cluster), the",
      "topics, the Flink job on a MiniCluster with the default model, the simulator streaming",
      "GNSS observations (by default a simulated year per second), the live web page",
      "(http://localhost:8080/), and what flows through them, printed as it comes.",
      "Stops after --duration, or on Ctrl-C; either way it cleans up (ports, threads, temp dirs).",
      "If the Flink job fails for good (its restarts used up), stops and exits non-zero with the cause."
    })
final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("org.asperity.app");

  @Mixin KafkaOptions kafka;
  @Mixin SimulationOptions simulation;
  @Mixin WebOptions web;

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Stop by itself after this long (default: run until Ctrl-C). A DURATION is "
              + Durations.GRAMMAR
              + ".")
  Duration duration;

  @Option(
      names = "--observation-partitions",
      defaultValue = "4",
      paramLabel = "N",
      description =
          "Partitions of the observations topic when this command creates it (default: ${DEFAULT-VALUE}).")
  int observationPartitions;

  @Option(
      names = "--parallelism",
      defaultValue = "1",
      paramLabel = "N",
      description = "Parallelism of the Flink job on the MiniCluster (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Exactly-once checkpoints: alerts reach read_committed readers at each (default: ${DEFAULT-VALUE}).")
  Duration checkpointInterval;

  @Option(
      names = "--state-backend",
      converter = StateBackendConverter.class,
      paramLabel = "hashmap|rocksdb",
      description =
          "Where the job's keyed state lives: hashmap (the heap) or rocksdb (local disk,"
              + " incremental checkpoints); see the job's --help (default: ${DEFAULT-VALUE}).")
  JobOptions.StateBackend stateBackend = JobOptions.DEFAULT_STATE_BACKEND;

  @Option(
      names = "--model",
      paramLabel = "FILE.onnx",
      description = "A model file instead of the default models/ttf-gbrt/ttf-gbrt.onnx.")
  java.nio.file.Path modelFile;

  @Option(
      names = "--metrics-port",
      defaultValue = "9250",
      paramLabel = "PORT",
      description =
          "Port of the job's Prometheus endpoint on 127.0.0.1; 0 picks a free one, -1 serves none (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(
      names = "--progress-every",
      defaultValue = "5s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How often to print the flow summary (default: ${DEFAULT-VALUE}).")
  Duration progressEvery;

  @Override
  public Integer call() throws Exception {
    TopicNames topics = TopicNames.defaults();
    try (StopSignal stop = new StopSignal();
        Components components = new Components()) {
      KafkaClientSettings settings;
      if (kafka.hasCluster()) {
        settings = kafka.settings(null);
        LOG.info("using Kafka at {}", settings.bootstrapServers());
      } else {
        EmbeddedKafkaBroker broker =
            components.started(
                "Kafka broker (embedded, KRaft)", null, EmbeddedKafkaBroker.builder().start());
        settings = kafka.settings(broker.bootstrapServers());
        LOG.info(
            "  listening on {} (started in {} ms)",
            broker.bootstrapServers(),
            broker.startupDuration().toMillis());
      }

      try (TopicAdmin admin = TopicAdmin.connect(settings)) {
        admin.ensureTopics(topicSpecs(topics), Duration.ofSeconds(60));
      }

      SimulatorService simulator =
          new SimulatorService(
              simulation.config(SimulationOptions.Defaults.DEMO),
              settings,
              topics,
              stop::requestStop);

      JobService job =
          components.started(
              "Flink job",
              null,
              JobService.start(
                  settings,
                  topics,
                  modelFile,
                  parallelism,
                  checkpointInterval,
                  stateBackend,
                  new MetricsEndpoint(MetricsEndpoint.DEFAULT_BIND, metricsPort),
                  SimulatorGeometry.capAreas(simulator.simulation()),
                  stop::requestStop));
      job.describeTo(LOG);

      WebServer page =
          components.started(
              "web page",
              null,
              new WebServer(
                      settings,
                      topics,
                      web.bindAddress,
                      web.port,
                      Optional.of(SimulatorGeometry.view(simulator.simulation().model())),
                      metricsPort > 0
                          ? Optional.of(web.metricsUrlOr(metricsPort))
                          : Optional.ofNullable(web.metricsUrl))
                  .maxPageClients(web.maxPageClients)
                  .start());
      LOG.info("  open {} in a browser", page.url());
      components.started("simulator", simulator.describe(), simulator.start());

      FlowMonitor monitor =
          components.started(
              "flow monitor",
              "a summary every " + progressEvery.toSeconds() + " s",
              new FlowMonitor(settings, topics, progressEvery).start());

      LOG.info(
          duration == null
              ? "running; Ctrl-C to stop"
              : "running for " + duration.toSeconds() + " s; Ctrl-C to stop earlier");
      stop.await(duration);
      String failure = job.failure();
      LOG.info(
          "stopping ({})",
          failure != null
              ? "the Flink job failed"
              : stop.byUser() ? "Ctrl-C or stop signal" : "duration reached");
      Map<String, Long> totals = monitor.totals();
      components.close();
      if (failure != null) {
        // FriendlyErrors prints it as the one line of the exit, with a non-zero status.
        throw new IllegalStateException(failure);
      }
      LOG.info("stopped cleanly; records seen: {}", new LinkedHashMap<>(totals));
      return 0;
    }
  }

  private java.util.List<TopicSpec> topicSpecs(TopicNames topics) {
    return topics.all().stream()
        .map(
            t ->
                t.name().equals(topics.observations())
                    ? new TopicSpec(t.name(), observationPartitions, t.configs())
                    : t)
        .toList();
  }
}
