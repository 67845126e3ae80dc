package org.asperity.job.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.DeadLetterReason;
import org.junit.jupiter.api.Test;

class JobMetricsTest {
  private static HttpResponse<String> scrape(int port) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theEndpointServesPrometheusTextWhileHeldAndStopsWithTheLastHolder() throws Exception {
    JobMetrics first = JobMetrics.acquire(new MetricsEndpoint("127.0.0.1", 0));
    JobMetrics second = JobMetrics.acquire(new MetricsEndpoint("127.0.0.1", 0));
    int port = first.port();
    try {
      first.observationIn();
      first.deadLetter(DeadLetterReason.LATE);
      first.alert(AlertLevel.WARNING, AlertAction.ISSUE);
      first.scoringLatency(2_000_000);
      first.modelInForce("ttf-gbrt", "v9", "abc");
      HttpResponse<String> response = scrape(port);
      assertEquals(200, response.statusCode());
      assertEquals("text/plain; version=0.0.4; charset=utf-8",
          response.headers().firstValue("Content-Type").orElseThrow());
      String body = response.body();
      for (String name : new String[] {"asperity_observations_in_total", "asperity_observations_dead_letter_total{reason=\"LATE\"}",
          "asperity_alerts_total{action=\"ISSUE\",level=\"WARNING\"}", "asperity_scoring_latency_seconds_bucket",
          "asperity_forecast_latency_seconds", "asperity_event_time_lag_seconds", "asperity_scoring_batch_size",
          "asperity_model_info{feature_hash=\"abc\",model_name=\"ttf-gbrt\",model_version=\"v9\"} 1"}) {
        assertTrue(body.contains(name), name + " in\n" + body);
      }
      first.release();
      assertEquals(200, scrape(port).statusCode(), "still held by the second");
    } finally {
      second.release();
    }
    assertEquals(-1, JobMetrics.peek().port());
    assertThrows(IOException.class, () -> scrape(port));
  }
}
