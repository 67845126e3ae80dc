package org.asperity.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The forecasts of one region over time, for the chart, in bounded memory: at most {@code capacity}
 * points spanning at most {@code maxSpanMicros} of event time. While there is room every forecast
 * is kept; when the buffer fills, every other point is dropped and from then on a forecast is kept
 * only if it is at least the (new, coarser) spacing after the last kept one. The chart thus always
 * covers the whole retained span at a uniform resolution, whether forecasts come daily for a few
 * weeks or for centuries of simulated time.
 */
final class ForecastHistory {
  /** One point of the chart: the forecast's window end (event time, µs) and its quantiles. */
  record Point(
      long seq,
      long windowEndMicros,
      double ttfP10Days,
      double ttfP50Days,
      double ttfP90Days,
      double momentMagnitude) {}

  private final int capacity;
  private final long maxSpanMicros;
  private final List<Point> points;
  private long spacingMicros;

  ForecastHistory(int capacity, long maxSpanMicros) {
    if (capacity < 4) {
      throw new IllegalArgumentException("capacity must be at least 4: " + capacity);
    }
    this.capacity = capacity;
    this.maxSpanMicros = maxSpanMicros;
    this.points = new ArrayList<>(capacity);
  }

  /**
   * Offers a forecast.
   *
   * @return true when the point was kept (then it belongs in the next update to the page); false
   *     when it falls within the current spacing of the last kept point, or is not after it
   */
  boolean offer(Point p) {
    if (!points.isEmpty()) {
      Point last = points.get(points.size() - 1);
      if (p.windowEndMicros() <= last.windowEndMicros()
          || p.windowEndMicros() - last.windowEndMicros() < spacingMicros) {
        return false;
      }
    }
    points.add(p);
    long oldest = p.windowEndMicros() - maxSpanMicros;
    int expired = 0;
    while (expired < points.size() - 1 && points.get(expired).windowEndMicros() < oldest) {
      expired++;
    }
    points.subList(0, expired).clear();
    if (points.size() >= capacity) {
      thin();
    }
    return true;
  }

  /**
   * Drops every other point (keeping the newest) and sets the spacing to the resulting mean step.
   */
  private void thin() {
    List<Point> kept = new ArrayList<>(capacity);
    for (int k = (points.size() - 1) % 2; k < points.size(); k += 2) {
      kept.add(points.get(k));
    }
    points.clear();
    points.addAll(kept);
    if (points.size() > 1) {
      long span = points.get(points.size() - 1).windowEndMicros() - points.get(0).windowEndMicros();
      spacingMicros = Math.max(spacingMicros, span / (points.size() - 1));
    }
  }

  List<Point> points() {
    return List.copyOf(points);
  }

  int size() {
    return points.size();
  }

  /** Minimum event time between kept points now (0 until the buffer first fills). */
  long spacingMicros() {
    return spacingMicros;
  }
}
