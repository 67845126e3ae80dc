package org.asperity.web;

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

  /** One scrape: where, how it went, and the latency families found. */
  record Reading(
      URI url, String status, List<LatencyMetrics.Family> latency, long fetchedAtMillis) {
    void writeTo(JsonWriter w) {
      w.beginObject()
          .member("url", url.toString())
          .member("status", status)
          .member("fetchedAtMillis", fetchedAtMillis);
      w.name("latency").beginArray();
      for (LatencyMetrics.Family f : latency) {
        w.beginObject()
            .member("name", f.name())
            .member("labels", f.labels())
            .member("maxMillis", f.maxMillis(), 1)
            .member("meanMillis", f.meanMillis(), 1)
            .member("count", f.count(), 0)
            .member("estimatedFromBuckets", f.estimatedFromBuckets());
        w.name("quantileMillis").beginObject();
        for (Map.Entry<Double, Double> q : f.quantileMillis().entrySet()) {
          w.member(Double.toString(q.getKey()), q.getValue(), 1);
        }
        w.endObject().endObject();
      }
      w.endArray().endObject();
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
      return new Reading(url, "not reachable: " + why, List.of(), now);
    }
    List<LatencyMetrics.Family> latency = LatencyMetrics.from(PrometheusText.parse(text));
    String status =
        latency.isEmpty()
            ? "reachable, no " + LatencyMetrics.PREFIX + "*latency* metrics yet"
            : "ok";
    return new Reading(url, status, latency, now);
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
