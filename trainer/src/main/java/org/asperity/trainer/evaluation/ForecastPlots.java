package org.asperity.trainer.evaluation;

import static org.asperity.model.ModelContract.OUTPUT_WIDTH;
import static org.asperity.model.ModelContract.TTF_P10;
import static org.asperity.model.ModelContract.TTF_P50;
import static org.asperity.model.ModelContract.TTF_P90;
import static org.asperity.time.TimeUnits.DAYS_PER_YEAR;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Locale;
import java.util.Map;
import org.asperity.trainer.gbrt.LearningCurve;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The model card's PNG figures, drawn with JFreeChart without a display. */
public final class ForecastPlots {

  static {
    // Charts are drawn off-screen; on a server without X there is no display to ask for.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  static final int FORECAST_WIDTH = 1200;
  static final int FORECAST_HEIGHT = 500;
  static final int CURVE_WIDTH = 900;
  static final int CURVE_HEIGHT_PER_MODEL = 300;

  private static final Color TRUTH = new Color(0x222222);
  private static final Color MEDIAN = new Color(0x1f77b4);
  private static final Color BAND = new Color(0x1f77b4);
  private static final Color VALIDATION = new Color(0xd62728);
  private static final Color[] REFERENCES = {
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0x9467bd),
    new Color(0xff7f0e),
    new Color(0x8c564b)
  };

  private ForecastPlots() {}

  /**
   * True time to failure against the forecast median with its p10–p90 band, over the test windows
   * (several cycles: the truth is a sawtooth that drops to 0 at each event). Drawn in years, which
   * read better than days over decades.
   *
   * @param timeDays end of each test window, days since the start of the test catalog
   * @param trueTtfDays the true time to failure at each window end, days
   * @param forecasts the model's output rows ({@link org.asperity.model.ModelContract#OUTPUTS}),
   *     days
   */
  public static void writeForecasts(
      Path png, double[] timeDays, double[] trueTtfDays, float[] forecasts) throws IOException {
    int rows = timeDays.length;
    if (trueTtfDays.length != rows || forecasts.length != rows * OUTPUT_WIDTH) {
      throw new IllegalArgumentException(
          "Need one true TTF and one forecast row per time, got "
              + rows
              + " times, "
              + trueTtfDays.length
              + " TTF, "
              + forecasts.length
              + " forecast values");
    }
    YIntervalSeries band = new YIntervalSeries("forecast p50 (p10–p90)", false, true);
    XYSeries truth = new XYSeries("true time to failure", false, true);
    for (int r = 0; r < rows; r++) {
      double t = timeDays[r] / DAYS_PER_YEAR;
      band.add(
          t,
          forecasts[r * OUTPUT_WIDTH + TTF_P50] / DAYS_PER_YEAR,
          forecasts[r * OUTPUT_WIDTH + TTF_P10] / DAYS_PER_YEAR,
          forecasts[r * OUTPUT_WIDTH + TTF_P90] / DAYS_PER_YEAR);
      truth.add(t, trueTtfDays[r] / DAYS_PER_YEAR);
    }
    YIntervalSeriesCollection forecastData = new YIntervalSeriesCollection();
    forecastData.addSeries(band);
    DeviationRenderer forecastRenderer = new DeviationRenderer(true, false);
    forecastRenderer.setSeriesPaint(0, MEDIAN);
    forecastRenderer.setSeriesFillPaint(0, BAND);
    forecastRenderer.setAlpha(0.25f);
    forecastRenderer.setSeriesStroke(0, new BasicStroke(1.5f));

    XYPlot plot =
        new XYPlot(
            forecastData,
            new NumberAxis("time (years)"),
            new NumberAxis("time to failure (years)"),
            forecastRenderer);
    XYLineAndShapeRenderer truthRenderer = new XYLineAndShapeRenderer(true, false);
    truthRenderer.setSeriesPaint(0, TRUTH);
    truthRenderer.setSeriesStroke(0, new BasicStroke(1.2f));
    plot.setDataset(1, new XYSeriesCollection(truth));
    plot.setRenderer(1, truthRenderer);
    style(plot);
    ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
    save(
        png,
        new JFreeChart(
            "Forecast vs truth on test cycles", JFreeChart.DEFAULT_TITLE_FONT, plot, true),
        FORECAST_WIDTH,
        FORECAST_HEIGHT);
  }

  /**
   * Test R² of the model against the number of training cycles (logarithmic axis), with the
   * baselines' R² as horizontal reference lines.
   *
   * @param cycles training cycles of each point, ascending
   * @param r2 the model's test R² at each point
   * @param references name to R² of forecasters that do not depend on the number of cycles shown
   */
  public static void writeTrainingCycleCurve(
      Path png, int[] cycles, double[] r2, Map<String, Double> references) throws IOException {
    if (cycles.length == 0 || cycles.length != r2.length) {
      throw new IllegalArgumentException(
          "Need one R² per cycle count, got " + cycles.length + " and " + r2.length);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries model = new XYSeries("GBRT on GNSS features (this model)");
    for (int i = 0; i < cycles.length; i++) {
      if (Double.isFinite(r2[i])) {
        model.add(cycles[i], r2[i]);
      }
    }
    data.addSeries(model);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setSeriesPaint(0, MEDIAN);
    renderer.setSeriesStroke(0, new BasicStroke(2f));
    renderer.setSeriesShapesVisible(0, true);
    // References are drawn as dashed series across the range, named in the legend (labels on the
    // lines would overlap when baselines score alike).
    double low = Math.max(1, cycles[0] * 0.8);
    double high = cycles[cycles.length - 1] * 1.25;
    int k = 0;
    for (Map.Entry<String, Double> reference : references.entrySet()) {
      if (!Double.isFinite(reference.getValue())) {
        continue;
      }
      XYSeries line =
          new XYSeries(
              reference.getKey() + String.format(Locale.ROOT, " (%.3f)", reference.getValue()));
      line.add(low, reference.getValue());
      line.add(high, reference.getValue());
      data.addSeries(line);
      int series = data.getSeriesCount() - 1;
      renderer.setSeriesPaint(series, REFERENCES[k++ % REFERENCES.length]);
      renderer.setSeriesStroke(
          series,
          new BasicStroke(
              1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
    }
    LogAxis axis = new LogAxis("training cycles (log scale)");
    axis.setBase(2);
    axis.setTickUnit(new NumberTickUnit(1));
    axis.setNumberFormatOverride(new DecimalFormat("0"));
    axis.setRange(low, high);
    NumberAxis r2Axis = new NumberAxis("test R² of the median TTF (days)");
    r2Axis.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, axis, r2Axis, renderer);
    style(plot);
    save(
        png,
        new JFreeChart(
            "Learning curve: test R² vs training cycles",
            JFreeChart.DEFAULT_TITLE_FONT,
            plot,
            true),
        CURVE_WIDTH,
        FORECAST_HEIGHT);
  }

  /**
   * Training and validation metric per boosting round, one panel per model (e.g. "TTF quantiles",
   * "magnitude"), with the kept round count marked.
   */
  public static void writeLearningCurves(Path png, Map<String, LearningCurve> curves)
      throws IOException {
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("No learning curves to draw");
    }
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("boosting round"));
    combined.setGap(12);
    curves.forEach(
        (model, curve) -> {
          XYSeries train = new XYSeries("training");
          XYSeries validation = new XYSeries("validation");
          double[] t = curve.train();
          double[] v = curve.validation();
          for (int round = 0; round < curve.rounds(); round++) {
            train.add(round + 1, t[round]);
            validation.add(round + 1, v[round]);
          }
          XYSeriesCollection data = new XYSeriesCollection();
          data.addSeries(train);
          data.addSeries(validation);
          XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
          renderer.setSeriesPaint(0, MEDIAN);
          renderer.setSeriesPaint(1, VALIDATION);
          boolean firstPanel = combined.getSubplots().isEmpty();
          renderer.setSeriesVisibleInLegend(0, firstPanel); // one legend for all panels
          renderer.setSeriesVisibleInLegend(1, firstPanel);
          NumberAxis metricAxis = new NumberAxis(model + " (" + curve.metric() + ")");
          metricAxis.setAutoRangeIncludesZero(false);
          XYPlot plot = new XYPlot(data, null, metricAxis, renderer);
          ValueMarker best =
              new ValueMarker(
                  curve.bestRound() + 1,
                  Color.GRAY,
                  new BasicStroke(
                      1f,
                      BasicStroke.CAP_BUTT,
                      BasicStroke.JOIN_MITER,
                      1f,
                      new float[] {4f, 4f},
                      0f));
          best.setLabel("kept " + (curve.bestRound() + 1) + " rounds");
          plot.addDomainMarker(best);
          style(plot);
          combined.add(plot);
        });
    save(
        png,
        new JFreeChart("Learning curves", JFreeChart.DEFAULT_TITLE_FONT, combined, true),
        CURVE_WIDTH,
        CURVE_HEIGHT_PER_MODEL * curves.size());
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
  }

  private static void save(Path png, JFreeChart chart, int width, int height) throws IOException {
    chart.setBackgroundPaint(Color.WHITE);
    Path parent = png.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (OutputStream out = Files.newOutputStream(png)) {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    }
  }
}
