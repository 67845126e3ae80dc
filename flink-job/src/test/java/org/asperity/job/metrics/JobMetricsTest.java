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
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

class JobMetricsTest {
  private static HttpResponse<String> scrape(int port) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
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
      assertEquals(
          "text/plain; version=0.0.4; charset=utf-8",
          response.headers().firstValue("Content-Type").orElseThrow());
      String body = response.body();
      for (String name :
          new String[] {
            "asperity_observations_in_total",
            "asperity_observations_dead_letter_total{reason=\"LATE\"}",
            "asperity_alerts_total{action=\"ISSUE\",level=\"WARNING\"}",
            "asperity_scoring_latency_seconds_bucket",
            "asperity_forecast_latency_seconds",
            "asperity_event_time_lag_seconds",
            "asperity_scoring_batch_size",
            "asperity_stations_started_total",
            "asperity_stations_retired_total",
            "asperity_regions_retired_total",
            "asperity_job_restarts_total",
            "asperity_model_scoring_failures_total",
            "asperity_model_info{feature_hash=\"abc\",model_name=\"ttf-gbrt\",model_version=\"v9\"} 1"
          }) {
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

  @Test
  void whetherTheJobRunsIsTheGaugeThePageReads() {
    JobMetrics metrics = JobMetrics.peek();
    metrics.jobUp(true);
    assertTrue(metrics.registry().scrape().contains("\nasperity_job_up 1.0\n"));
    metrics.jobUp(false);
    assertTrue(metrics.registry().scrape().contains("\nasperity_job_up 0.0\n"));
  }

  @Test
  void everyAlertLevelChangeTheCodeCanEmitIsExportedAtZeroBeforeTheFirstAlert() {
    String body = JobMetrics.peek().registry().scrape();
    for (String series :
        new String[] {
          "{action=\"ISSUE\",level=\"WATCH\"}",
          "{action=\"UPDATE\",level=\"WATCH\"}",
          "{action=\"ISSUE\",level=\"WARNING\"}",
          "{action=\"UPDATE\",level=\"WARNING\"}",
          "{action=\"CANCEL\",level=\"CLEAR\"}"
        }) {
      assertTrue(body.contains("asperity_alerts_total" + series), series + " in\n" + body);
    }
  }

  @Test
  void theLatestForecastAndAlertLevelOfEachRegionAreGauges() {
    JobMetrics metrics = JobMetrics.peek();
    long tick = 1_900_000_000_000_000L;
    metrics.forecast("gauge-a", tick, 100, 400, 900, 7.8, true);
    metrics.forecast("gauge-b", tick, 10, 20, 30, 8.1, false);
    metrics.forecast("gauge-a", tick + TimeUnits.MICROS_PER_DAY, 99, 399, 899, 7.7, true);
    metrics.alertLevel("gauge-a", AlertLevel.CLEAR);
    metrics.alertLevel("gauge-b", AlertLevel.WATCH);
    metrics.alertLevel("gauge-b", AlertLevel.WARNING);

    assertEquals(
        99.0 * TimeUnits.SECONDS_PER_DAY,
        gauge(metrics, "asperity.forecast.ttf", "region", "gauge-a", "percentile", "10"));
    assertEquals(
        399.0 * TimeUnits.SECONDS_PER_DAY,
        gauge(metrics, "asperity.forecast.ttf", "region", "gauge-a", "percentile", "50"));
    assertEquals(
        899.0 * TimeUnits.SECONDS_PER_DAY,
        gauge(metrics, "asperity.forecast.ttf", "region", "gauge-a", "percentile", "90"));
    assertEquals(
        30.0 * TimeUnits.SECONDS_PER_DAY,
        gauge(metrics, "asperity.forecast.ttf", "region", "gauge-b", "percentile", "90"));
    assertEquals(7.7, gauge(metrics, "asperity.forecast.magnitude", "region", "gauge-a"));
    assertEquals(1, gauge(metrics, "asperity.forecast.in.training.domain", "region", "gauge-a"));
    assertEquals(0, gauge(metrics, "asperity.forecast.in.training.domain", "region", "gauge-b"));
    assertEquals(
        1_900_000_000 + TimeUnits.SECONDS_PER_DAY,
        gauge(metrics, "asperity.forecast.window.end", "region", "gauge-a"));
    assertEquals(0, gauge(metrics, "asperity.alert.level", "region", "gauge-a"));
    assertEquals(2, gauge(metrics, "asperity.alert.level", "region", "gauge-b"));

    String body = metrics.registry().scrape();
    for (String sample :
        new String[] {
          "asperity_forecast_ttf_seconds{percentile=\"50\",region=\"gauge-a\"} 3.44736E7",
          "asperity_forecast_magnitude{region=\"gauge-b\"} 8.1",
          "asperity_forecast_in_training_domain{region=\"gauge-b\"} 0.0",
          "asperity_forecast_window_end_seconds{region=\"gauge-a\"} 1.9000864E9",
          "asperity_alert_level{region=\"gauge-b\"} 2.0"
        }) {
      assertTrue(body.contains(sample), sample + " in\n" + body);
    }
  }

  private static double gauge(JobMetrics metrics, String name, String... tags) {
    return metrics.registry().get(name).tags(tags).gauge().value();
  }
}
