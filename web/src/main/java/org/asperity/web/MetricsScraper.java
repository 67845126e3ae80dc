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

  /** One scrape: where, how it went, and the latency families found. */
  record Reading(
      URI url, String status, List<LatencyMetrics.Family> latency, long fetchedAtMillis) {
    /** This reading as the {@code metrics} member of the page's pipeline panel. */
    ObjectNode toJson() {
      ObjectNode json =
          PageJson.object()
              .put("url", url.toString())
              .put("status", status)
              .put("fetchedAtMillis", fetchedAtMillis);
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
