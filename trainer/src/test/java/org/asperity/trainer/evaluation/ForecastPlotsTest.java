package org.asperity.trainer.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.asperity.trainer.gbrt.LearningCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastPlotsTest {

  @Test
  void drawsForecastsOverSeveralCycles(@TempDir Path dir) throws Exception {
    // Three cycles of 100 days, a window per day: the truth is a sawtooth.
    int rows = 300;
    double[] time = new double[rows];
    double[] truth = new double[rows];
    float[] forecasts = new float[rows * 4];
    for (int r = 0; r < rows; r++) {
      time[r] = r;
      truth[r] = 99 - r % 100;
      forecasts[r * 4] = (float) (0.6 * truth[r]);
      forecasts[r * 4 + 1] = (float) (truth[r] + 5);
      forecasts[r * 4 + 2] = (float) (1.4 * truth[r] + 10);
      forecasts[r * 4 + 3] = 8f;
    }
    Path png = dir.resolve("figures/forecast.png");

    ForecastPlots.writeForecasts(png, time, truth, forecasts);

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(ForecastPlots.FORECAST_WIDTH, image.getWidth());
    assertEquals(ForecastPlots.FORECAST_HEIGHT, image.getHeight());
    assertTrue(colours(image) > 20, "a drawn chart, not a blank image");
  }

  @Test
  void drawsOnePanelPerLearningCurve(@TempDir Path dir) throws Exception {
    Map<String, LearningCurve> curves = new LinkedHashMap<>();
    curves.put(
        "TTF quantiles",
        new LearningCurve(
            "quantile", new double[] {1, 0.6, 0.4, 0.35}, new double[] {1.1, 0.7, 0.55, 0.6}, 2));
    curves.put(
        "magnitude",
        new LearningCurve(
            "rmse", new double[] {0.9, 0.5, 0.3, 0.25}, new double[] {0.95, 0.6, 0.45, 0.44}, 3));
    Path png = dir.resolve("learning-curve.png");

    ForecastPlots.writeLearningCurves(png, curves);

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(ForecastPlots.CURVE_WIDTH, image.getWidth());
    assertEquals(2 * ForecastPlots.CURVE_HEIGHT_PER_MODEL, image.getHeight());
    assertTrue(colours(image) > 20, "a drawn chart, not a blank image");
  }

  @Test
  void drawsTheLearningCurveOverTrainingCycles(@TempDir Path dir) throws Exception {
    Map<String, Double> references = new LinkedHashMap<>();
    references.put("mean recurrence", 0.2);
    references.put("slip deficit", 0.95);
    references.put("oracle", 0.96);
    references.put("no score", Double.NaN);
    Path png = dir.resolve("cycles.png");

    ForecastPlots.writeTrainingCycleCurve(
        png,
        new int[] {5, 10, 20, 50, 140},
        new double[] {0.6, 0.75, 0.82, 0.94, 0.93},
        references);

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(ForecastPlots.CURVE_WIDTH, image.getWidth());
    assertTrue(colours(image) > 20, "a drawn chart, not a blank image");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ForecastPlots.writeTrainingCycleCurve(
                dir.resolve("z.png"), new int[] {5, 10}, new double[] {0.5}, Map.of()));
  }

  @Test
  void rejectsMismatchedSeries(@TempDir Path dir) {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ForecastPlots.writeForecasts(
                dir.resolve("x.png"), new double[3], new double[3], new float[8]));
    assertThrows(
        IllegalArgumentException.class,
        () -> ForecastPlots.writeLearningCurves(dir.resolve("y.png"), Map.of()));
  }

  private static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
