package org.asperity.job.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} answers the registry in the text exposition
 * format 0.0.4, from the JDK's HTTP server on one daemon thread. The job serves its meters with it,
 * and so do the launcher's simulator and replay.
 */
public final class ScrapeServer implements AutoCloseable {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  /** Starts serving {@code registry} at {@code http://bind:port/metrics} (port 0: a free port). */
  public ScrapeServer(PrometheusMeterRegistry registry, MetricsEndpoint endpoint)
      throws IOException {
    if (!endpoint.enabled()) {
      throw new IllegalArgumentException(
          "the metrics endpoint is disabled (port " + endpoint.port() + ")");
    }
    server = HttpServer.create(new InetSocketAddress(endpoint.bind(), endpoint.port()), 0);
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "asperity-metrics-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> answer(exchange, registry));
    server.start();
  }

  /** The port it listens on (the chosen one when asked for 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, PrometheusMeterRegistry registry)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(200, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
