package org.asperity.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import org.asperity.app.metrics.CommandMetricsServer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a command serves its Prometheus metrics: the same two flags as the Flink job, each command
 * with its own default port (simulate 9251, replay 9252; the job 9250), so all can run side by
 * side.
 */
public final class MetricsOptions {
  public static final int SIMULATE_PORT = 9251;
  public static final int REPLAY_PORT = 9252;

  @Option(
      names = "--metrics-bind",
      paramLabel = "ADDRESS",
      description =
          "Address of the Prometheus endpoint http://ADDRESS:PORT/metrics; 0.0.0.0 for every interface"
              + " (default: ${DEFAULT-VALUE}).")
  String bind = "127.0.0.1";

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Port of the Prometheus endpoint; 0 picks a free one, -1 serves none (default: ${DEFAULT-VALUE}).")
  int port;

  /** The command this mixin belongs to: whether the user named the port. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** Picocli fills a mixin it is given; the command gives one with its default port. */
  MetricsOptions(int defaultPort) {
    this.port = defaultPort;
  }

  CommandMetricsServer serve(PrometheusMeterRegistry registry) {
    try {
      return CommandMetricsServer.start(registry, bind, port);
    } catch (UncheckedIOException e) {
      // The user named the port: a busy one is an error; the default port busy only a warning.
      if (command == null
          || command.commandLine().getParseResult().hasMatchedOption("--metrics-port")) {
        throw e;
      }
      // A second simulate or replay on this machine: it still runs, without its own endpoint.
      LoggerFactory.getLogger("org.asperity.app").warn("metrics not served: {}", e.getMessage());
      return CommandMetricsServer.start(registry, bind, -1);
    }
  }
}
