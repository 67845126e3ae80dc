package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsScraperTest {
  private static final String METRICS =
      String.join(
          "\n",
          "# TYPE asperity_forecast_latency_seconds summary",
          "asperity_forecast_latency_seconds{quantile=\"0.5\"} 0.2",
          "asperity_forecast_latency_seconds{quantile=\"0.99\"} 0.8",
          "asperity_forecast_latency_seconds_count 10",
          "asperity_forecast_latency_seconds_sum 3",
          "");
  private HttpServer server;
  private volatile String served = METRICS;
  private final LiveModel model = new LiveModel(null, () -> 0L);

  @BeforeEach
  void serveMetrics() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = served.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void readsTheJobsLatency() {
    MetricsScraper.Reading r = new MetricsScraper(url("/metrics"), model, () -> 7L).scrape();
    assertEquals("ok", r.status());
    assertEquals(1, r.latency().size());
    assertEquals(800.0, r.latency().get(0).quantileMillis().get(0.99), 1e-9);
    assertEquals(7L, r.fetchedAtMillis());
  }

  @Test
  void aMissingOrDownEndpointIsAStatusNotAnError() throws IOException {
    assertTrue(
        new MetricsScraper(url("/other"), model, () -> 0L)
            .scrape()
            .status()
            .startsWith("not reachable: HTTP 404"));
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    MetricsScraper.Reading down =
        new MetricsScraper(URI.create("http://127.0.0.1:" + closed + "/metrics"), model, () -> 0L)
            .scrape();
    assertTrue(down.status().startsWith("not reachable"), down.status());
    assertTrue(down.latency().isEmpty());
  }

  @Test
  void theJobsOwnGaugeSaysWhetherItRuns() {
    MetricsScraper scraper = new MetricsScraper(url("/metrics"), model, () -> 0L);
    assertEquals(MetricsScraper.JobState.UNKNOWN, scraper.scrape().job());
    served = METRICS + "asperity_job_up 1.0\nasperity_job_restarts_total 0.0\n";
    assertEquals(MetricsScraper.JobState.UP, scraper.scrape().job());
    served = METRICS + "asperity_job_up 0.0\nasperity_job_restarts_total 3.0\n";
    MetricsScraper.Reading restarting = scraper.scrape();
    assertEquals(MetricsScraper.JobState.DOWN, restarting.job());
    assertEquals(3, restarting.jobRestarts());
    assertEquals("down", restarting.toJson().get("job").asText());
    server.stop(0);
    assertEquals(MetricsScraper.JobState.UNREACHABLE, scraper.scrape().job());
  }

  @Test
  void onlyHttpUrls() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new MetricsScraper(URI.create("file:///etc/passwd"), model, () -> 0L));
  }
}
