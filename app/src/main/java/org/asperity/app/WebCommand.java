package org.asperity.app;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.asperity.kafka.KafkaOptions;
import org.asperity.kafka.TopicNames;
import org.asperity.time.DurationConverter;
import org.asperity.time.Durations;
import org.asperity.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./asperity web}: the live page alone, for a cluster where the job and feeds run elsewhere.
 */
@Command(
    name = "web",
    mixinStandardHelpOptions = true,
    header = "Serve the live web page from a Kafka cluster.",
    description = {
      "Serve the live web page (forecasts, alerts, stations, pipeline numbers) from a Kafka cluster's",
      "topics, without running anything else. Read-only. Stations are placed by the coordinates in",
      "their observations (the fault plan needs the simulator: use 'demo' for that).",
      "Also serves the topics' schemas under /schemas/ (an index, the Avro .avsc files with their",
      "fingerprints, the CAP 1.2 XML schema, JSON Schemas) for consumers in other languages.",
      "",
      "Example:  ./asperity web --bootstrap-servers kafka1:9092 --web-bind 0.0.0.0 --web-port 8080",
      ""
    })
final class WebCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("org.asperity.app");

  @Mixin KafkaOptions kafka;
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

  @Override
  public Integer call() throws Exception {
    try (StopSignal stop = new StopSignal();
        Components components = new Components()) {
      WebServer page =
          components.started(
              "web page",
              null,
              new WebServer(
                      kafka.settings(null),
                      TopicNames.defaults(),
                      web.bindAddress,
                      web.port,
                      Optional.empty(),
                      Optional.of(
                          web.metricsUrlOr(org.asperity.job.metrics.MetricsEndpoint.DEFAULT_PORT)))
                  .maxPageClients(web.maxPageClients)
                  .start());
      LOG.info("  open {} in a browser; Ctrl-C to stop", page.url());
      stop.await(duration);
      components.close();
      return 0;
    }
  }
}
