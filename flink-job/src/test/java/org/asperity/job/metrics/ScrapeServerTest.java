package org.asperity.job.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scrape endpoint answers while clients misbehave, and cuts off the slow ones. */
class ScrapeServerTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Socket> sockets = new ArrayList<>();
  private ScrapeServer server;

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void answersWithinASecondWhileAHundredClientsIdleAndOneNeverReads() throws Exception {
    server =
        new ScrapeServer(registry, new MetricsEndpoint("127.0.0.1", 0), Duration.ofSeconds(10));
    for (int i = 0; i < 100; i++) {
      socket(); // connected, silent
    }
    Socket neverReads = socket();
    neverReads
        .getOutputStream()
        .write(
            "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    await("the scrape")
        .atMost(Duration.ofSeconds(1))
        .until(
            () -> {
              HttpResponse<String> r = scrape();
              return r.statusCode() == 200
                  && r.body().contains("asperity_http_requests_rejected_total");
            });
  }

  @Test
  void aRequestSentTooSlowlyIsCutOffAndCounted() throws Exception {
    server =
        new ScrapeServer(registry, new MetricsEndpoint("127.0.0.1", 0), Duration.ofMillis(300));
    // Both threads taken by clients that never finish their request line.
    List<Socket> slow = List.of(socket(), socket());
    for (Socket s : slow) {
      s.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
    }
    for (Socket s : slow) {
      s.setSoTimeout(30_000);
      assertEquals(-1, s.getInputStream().read(), "the slow client's connection is closed");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> scrape().statusCode() == 200);
    String body = scrape().body();
    assertTrue(
        body.contains("asperity_http_requests_timed_out_total{server=\"metrics\"} 2.0"), body);
  }

  private Socket socket() throws IOException {
    Socket s = new Socket(InetAddress.getByName("127.0.0.1"), server.port());
    sockets.add(s);
    return s;
  }

  private HttpResponse<String> scrape() throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
            .timeout(Duration.ofSeconds(1))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
