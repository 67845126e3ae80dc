package org.asperity.simulator.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.TimeAxis;
import org.asperity.time.TimeUnits;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a {@link ReportCollector} to a PNG: the catalog (Mw against time; small, partial and
 * full-margin ruptures in three colours) above the east, north and up displacement of the collected
 * stations, all on one time axis. Works headless.
 */
public final class ReportWriter {
  private static final Color SMALL = new Color(127, 127, 127);
  private static final Color PARTIAL = new Color(31, 119, 180);
  private static final Color FULL_MARGIN = new Color(214, 39, 40);
  private static final Color[] STATIONS = {
    new Color(44, 160, 44),
    new Color(148, 103, 189),
    new Color(255, 127, 14),
    new Color(23, 190, 207),
    new Color(127, 127, 127)
  };

  private ReportWriter() {}

  public static void writePng(
      ReportCollector collector, Path png, String title, int width, int height) throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    NumberAxis time = new NumberAxis("Years since " + startDate(collector));
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(8.0);
    plot.add(catalogPlot(collector.earthquakes(), collector.startMicros()), 2);
    String[] components = {"East (mm)", "North (mm)", "Up (mm)"};
    for (int c = 0; c < 3; c++) {
      plot.add(componentPlot(collector.series(), c, components[c]), 2);
    }
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(
        new TextTitle(
            String.format(
                Locale.ROOT,
                "%d earthquakes; GNSS displacement from the first epoch (stations %s)",
                collector.earthquakes().size(),
                String.join(
                    ", ", collector.series().stream().map(s -> s.station().code()).toList()))));
    chart.setBackgroundPaint(Color.WHITE);
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
  }

  private static String startDate(ReportCollector collector) {
    return collector.startMicros() == Long.MIN_VALUE
        ? "start"
        : TimeAxis.instant(collector.startMicros()).toString().substring(0, 10);
  }

  private static XYPlot catalogPlot(List<Earthquake> earthquakes, long startMicros) {
    XYSeries small = new XYSeries("small-asperity rupture");
    XYSeries partial = new XYSeries("partial rupture");
    XYSeries full = new XYSeries("full-margin rupture");
    for (Earthquake e : earthquakes) {
      double years = (e.onsetEpochMicros() - startMicros) / TimeUnits.MICROS_PER_YEAR;
      XYSeries series =
          switch (e.extent()) {
            case SMALL -> small;
            case PARTIAL -> partial;
            case FULL_MARGIN -> full;
          };
      series.add(years, e.momentMagnitude());
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(small);
    data.addSeries(partial);
    data.addSeries(full);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    renderer.setSeriesPaint(0, SMALL);
    renderer.setSeriesPaint(1, PARTIAL);
    renderer.setSeriesPaint(2, FULL_MARGIN);
    NumberAxis magnitude = new NumberAxis("Mw");
    magnitude.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, null, magnitude, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }

  private static XYPlot componentPlot(
      List<ReportCollector.Series> series, int component, String label) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int k = 0; k < series.size(); k++) {
      ReportCollector.Series s = series.get(k);
      XYSeries xy =
          new XYSeries(
              component == 0 ? s.station().code() : s.station().code() + " " + label, false, true);
      double[] values = component == 0 ? s.east() : component == 1 ? s.north() : s.up();
      for (int i = 0; i < s.size(); i++) {
        if (!Double.isNaN(values[i])) {
          xy.add(s.years()[i], values[i] * 1000.0, false);
        }
      }
      data.addSeries(xy);
      renderer.setSeriesPaint(k, STATIONS[k % STATIONS.length]);
      renderer.setSeriesStroke(k, new BasicStroke(0.8f));
      renderer.setSeriesVisibleInLegend(k, component == 0);
    }
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, null, axis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }
}
