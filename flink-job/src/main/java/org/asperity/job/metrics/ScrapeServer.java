package org.asperity.job.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.asperity.time.DeadlineExecutor;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} answers the registry in the text exposition
 * format 0.0.4, from the JDK's HTTP server. The job serves its meters with it, and so do the
 * launcher's simulator and replay.
 *
 * <p>It holds against clients that misbehave: two threads and a queue of {@value #QUEUE} requests,
 * beyond which a connection is closed unanswered; a request that takes longer than {@link
 * #REQUEST_DEADLINE} to arrive and be answered is cut off. Both are counted ({@code
 * asperity_http_requests_rejected_total} and {@code asperity_http_requests_timed_out_total}, tagged
 * {@code server="metrics"}).
 */
public final class ScrapeServer implements AutoCloseable {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  static final int THREADS = 2;
  static final int QUEUE = 16;

  /** A scrape takes milliseconds; Prometheus' own default timeout is 10 s. */
  static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);

  private final HttpServer server;
  private final DeadlineExecutor executor;

  /** Starts serving {@code registry} at {@code http://bind:port/metrics} (port 0: a free port). */
  public ScrapeServer(PrometheusMeterRegistry registry, MetricsEndpoint endpoint)
      throws IOException {
    this(registry, endpoint, REQUEST_DEADLINE);
  }

  ScrapeServer(PrometheusMeterRegistry registry, MetricsEndpoint endpoint, Duration requestDeadline)
      throws IOException {
    if (!endpoint.enabled()) {
      throw new IllegalArgumentException(
          "the metrics endpoint is disabled (port " + endpoint.port() + ")");
    }
    server = HttpServer.create(new InetSocketAddress(endpoint.bind(), endpoint.port()), 0);
    executor = new DeadlineExecutor("asperity-metrics-http", THREADS, QUEUE, requestDeadline);
    FunctionCounter.builder("asperity.http.requests.rejected", executor, DeadlineExecutor::rejected)
        .description("HTTP connections closed unanswered: every thread busy, the queue full")
        .tag("server", "metrics")
        .register(registry);
    FunctionCounter.builder(
            "asperity.http.requests.timed.out", executor, DeadlineExecutor::timedOut)
        .description("HTTP requests cut off at their deadline (slow to send or to read)")
        .tag("server", "metrics")
        .register(registry);
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
    executor.close();
  }
}
