package org.asperity.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads the job's Prometheus endpoint now and then and hands the latency families it finds to the
 * model. An endpoint that is down, slow or says something else is a status on the page, never an
 * error: the page works without the job's metrics.
 */
final class MetricsScraper implements Runnable {
  static final int CONNECT_TIMEOUT_MILLIS = 1_000;
  static final int READ_TIMEOUT_MILLIS = 2_000;

  /** A scrape larger than this is cut (a Flink job exports a few hundred kB at most). */
  static final int MAX_BYTES = 4 * 1024 * 1024;

  /** The job's own gauge: 1 while it runs, 0 while it restarts or once it stopped. */
  static final String JOB_UP = "asperity_job_up";

  /** Restarts of the job after failures, counted by the job. */
  static final String JOB_RESTARTS = "asperity_job_restarts_total";

  /**
   * What the scrape says of the job: {@code "up"}, {@code "down"} (it says so itself: restarting or
   * stopped), {@code "unreachable"} (no answer: a job in this process that gave up, or a remote one
   * gone) or {@code "unknown"} (it answers without the gauge, e.g. an older job).
   */
  enum JobState {
    UP,
    DOWN,
    UNREACHABLE,
    UNKNOWN
  }

  /** One scrape: where, how it went, the job's state and restarts, the latency families found. */
  record Reading(
      URI url,
      String status,
      List<LatencyMetrics.Family> latency,
      long fetchedAtMillis,
      JobState job,
      long jobRestarts) {
    Reading(URI url, String status, List<LatencyMetrics.Family> latency, long fetchedAtMillis) {
      this(url, status, latency, fetchedAtMillis, JobState.UNKNOWN, 0);
    }

    /** This reading as the {@code metrics} member of the page's pipeline panel. */
    ObjectNode toJson() {
      ObjectNode json =
          PageJson.object()
              .put("url", url.toString())
              .put("status", status)
              .put("fetchedAtMillis", fetchedAtMillis)
              .put("job", job.name().toLowerCase(java.util.Locale.ROOT))
              .put("jobRestarts", jobRestarts);
      ArrayNode families = json.putArray("latency");
      for (LatencyMetrics.Family f : latency) {
        ObjectNode family = families.addObject().put("name", f.name()).put("labels", f.labels());
        family.set("maxMillis", PageJson.number(f.maxMillis(), 1));
        family.set("meanMillis", PageJson.number(f.meanMillis(), 1));
        family.set("count", PageJson.number(f.count(), 0));
        family.put("estimatedFromBuckets", f.estimatedFromBuckets());
        ObjectNode quantiles = family.putObject("quantileMillis");
        for (Map.Entry<Double, Double> q : f.quantileMillis().entrySet()) {
          quantiles.set(Double.toString(q.getKey()), PageJson.number(q.getValue(), 1));
        }
      }
      return json;
    }
  }

  private final URI url;
  private final LiveModel model;
  private final LongSupplier clockMillis;

  MetricsScraper(URI url, LiveModel model, LongSupplier clockMillis) {
    String scheme = url.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("metrics URL must be http or https: " + url);
    }
    this.url = url;
    this.model = model;
    this.clockMillis = clockMillis;
  }

  @Override
  public void run() {
    model.metrics(scrape());
  }

  Reading scrape() {
    long now = clockMillis.getAsLong();
    String text;
    try {
      text = fetch();
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Reading(url, "not reachable: " + why, List.of(), now, JobState.UNREACHABLE, 0);
    }
    List<PrometheusText.Sample> samples = PrometheusText.parse(text);
    List<LatencyMetrics.Family> latency = LatencyMetrics.from(samples);
    String status =
        latency.isEmpty()
            ? "reachable, no " + LatencyMetrics.PREFIX + "*latency* metrics yet"
            : "ok";
    JobState job = JobState.UNKNOWN;
    long restarts = 0;
    for (PrometheusText.Sample sample : samples) {
      if (sample.name().equals(JOB_UP) && !Double.isNaN(sample.value())) {
        job = sample.value() >= 1 ? JobState.UP : JobState.DOWN;
      } else if (sample.name().equals(JOB_RESTARTS)
          && Double.isFinite(sample.value())
          && sample.value() >= 0) {
        restarts = (long) Math.min(sample.value(), Long.MAX_VALUE);
      }
    }
    return new Reading(url, status, latency, now, job, restarts);
  }

  private String fetch() throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
    c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    c.setReadTimeout(READ_TIMEOUT_MILLIS);
    c.setRequestProperty("Accept", "text/plain");
    c.setUseCaches(false);
    try {
      int code = c.getResponseCode();
      if (code != 200) {
        throw new IOException("HTTP " + code);
      }
      try (InputStream in = c.getInputStream()) {
        return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
      }
    } finally {
      c.disconnect();
    }
  }
}
