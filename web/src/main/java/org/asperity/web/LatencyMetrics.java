package org.asperity.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.asperity.time.TimeUnits;

/**
 * The job's latency metrics among scraped Prometheus samples: every {@code asperity_*} family whose
 * name contains {@code latency}, as a Micrometer timer exports it (a summary with {@code quantile}
 * labels, a histogram with {@code le} buckets, {@code _sum}, {@code _count}, {@code _max}),
 * converted to milliseconds from the unit its name ends with ({@code _seconds}, the Prometheus base
 * unit, when it names none).
 */
final class LatencyMetrics {
  static final String PREFIX = "asperity_";

  /** At most this many families are kept (a page, not a metrics browser). */
  static final int MAX_FAMILIES = 8;

  private static final double[] ESTIMATED_QUANTILES = {0.5, 0.95, 0.99};

  private LatencyMetrics() {}

  /**
   * One latency series: family name without the prefix, its other labels ({@code k=v, ...}),
   * quantiles in ms (by quantile, ascending), max and mean in ms (NaN if not exported), count.
   */
  record Family(
      String name,
      String labels,
      Map<Double, Double> quantileMillis,
      double maxMillis,
      double meanMillis,
      double count,
      boolean estimatedFromBuckets) {}

  private static final class Builder {
    final String name;
    final String labels;
    final Map<Double, Double> quantiles = new TreeMap<>();
    final TreeMap<Double, Double> buckets = new TreeMap<>();
    double sum = Double.NaN;
    double count = Double.NaN;
    double max = Double.NaN;

    Builder(String name, String labels) {
      this.name = name;
      this.labels = labels;
    }
  }

  static List<Family> from(List<PrometheusText.Sample> samples) {
    Map<String, Builder> builders = new LinkedHashMap<>();
    for (PrometheusText.Sample s : samples) {
      String name = s.name();
      if (!name.startsWith(PREFIX) || !name.contains("latency")) {
        continue;
      }
      String suffix = suffix(name);
      String base = name.substring(0, name.length() - suffix.length());
      String labels =
          s.labels().entrySet().stream()
              .filter(e -> !e.getKey().equals("quantile") && !e.getKey().equals("le"))
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(", "));
      Builder b = builders.get(base + "|" + labels);
      if (b == null) {
        if (builders.size() >= MAX_FAMILIES) {
          continue;
        }
        b = new Builder(base, labels);
        builders.put(base + "|" + labels, b);
      }
      switch (suffix) {
        case "_bucket" -> {
          Double le = le(s.labels().get("le"));
          if (le != null) {
            b.buckets.put(le, s.value());
          }
        }
        case "_sum" -> b.sum = s.value();
        case "_count" -> b.count = s.value();
        case "_max" -> b.max = s.value();
        default -> {
          String q = s.labels().get("quantile");
          if (q != null) {
            try {
              b.quantiles.put(Double.parseDouble(q), s.value());
            } catch (NumberFormatException e) {
              // not a quantile: ignore the sample
            }
          }
        }
      }
    }
    List<Family> families = new ArrayList<>();
    for (Builder b : builders.values()) {
      double toMillis = millisPerUnit(b.name);
      boolean estimated = b.quantiles.isEmpty() && !b.buckets.isEmpty();
      Map<Double, Double> quantiles = new TreeMap<>();
      if (estimated) {
        for (double q : ESTIMATED_QUANTILES) {
          double v = bucketQuantile(q, b.buckets);
          if (!Double.isNaN(v)) {
            quantiles.put(q, v * toMillis);
          }
        }
      } else {
        b.quantiles.forEach((q, v) -> quantiles.put(q, v * toMillis));
      }
      double mean = b.count > 0 ? b.sum / b.count * toMillis : Double.NaN;
      if (quantiles.isEmpty() && Double.isNaN(mean) && Double.isNaN(b.max)) {
        continue; // e.g. a gauge that only mentions latency: nothing to show as a distribution
      }
      String shortName = b.name.substring(PREFIX.length());
      families.add(
          new Family(shortName, b.labels, quantiles, b.max * toMillis, mean, b.count, estimated));
    }
    return families;
  }

  private static String suffix(String name) {
    for (String s : new String[] {"_bucket", "_sum", "_count", "_max"}) {
      if (name.endsWith(s)) {
        return s;
      }
    }
    return "";
  }

  private static Double le(String text) {
    if (text == null) {
      return null;
    }
    try {
      return text.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static double millisPerUnit(String baseName) {
    if (baseName.endsWith("_milliseconds") || baseName.endsWith("_ms")) {
      return 1.0;
    }
    if (baseName.endsWith("_microseconds")) {
      return 1e-3;
    }
    if (baseName.endsWith("_nanoseconds")) {
      return 1e-6;
    }
    return TimeUnits.MILLIS_PER_SECOND;
  }

  /**
   * Quantile of a cumulative histogram by linear interpolation inside the bucket that holds it, as
   * Prometheus's {@code histogram_quantile} does; the upper bound of the last finite bucket when
   * the quantile falls in the +Inf bucket; NaN without observations.
   */
  static double bucketQuantile(double q, TreeMap<Double, Double> cumulative) {
    if (cumulative.isEmpty()) {
      return Double.NaN;
    }
    double total = cumulative.lastEntry().getValue();
    if (!(total > 0)) {
      return Double.NaN;
    }
    double rank = q * total;
    double lowerBound = 0.0;
    double lowerCount = 0.0;
    for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
      double upper = e.getKey();
      double count = e.getValue();
      if (count >= rank) {
        if (Double.isInfinite(upper)) {
          return lowerBound;
        }
        double inBucket = count - lowerCount;
        return inBucket > 0
            ? lowerBound + (upper - lowerBound) * (rank - lowerCount) / inBucket
            : upper;
      }
      lowerBound = upper;
      lowerCount = count;
    }
    return lowerBound;
  }
}
