package org.asperity.app.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.metrics.ScrapeServer;

/**
 * A command's Prometheus endpoint, {@code http://bind:port/metrics}, served while the command runs
 * by the job's own {@link ScrapeServer}. Port 0 picks a free port; a negative port serves nothing.
 */
public final class CommandMetricsServer implements AutoCloseable {
  private final ScrapeServer server;
  private final String bind;

  private CommandMetricsServer(ScrapeServer server, String bind) {
    this.server = server;
    this.bind = bind;
  }

  public static CommandMetricsServer start(
      PrometheusMeterRegistry registry, String bind, int port) {
    if (port < 0) {
      return new CommandMetricsServer(null, bind);
    }
    MetricsEndpoint endpoint = new MetricsEndpoint(bind, port);
    try {
      return new CommandMetricsServer(new ScrapeServer(registry, endpoint), bind);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve metrics on "
              + bind
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "; is the port in use? --metrics-port 0 picks a free one, -1 serves none)",
          e);
    }
  }

  /** The scrape URL, when an endpoint runs. */
  public Optional<String> url() {
    return server == null
        ? Optional.empty()
        : Optional.of("http://" + bind + ":" + server.port() + "/metrics");
  }

  /** The port it listens on, or -1 when none runs. */
  public int port() {
    return server == null ? -1 : server.port();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
