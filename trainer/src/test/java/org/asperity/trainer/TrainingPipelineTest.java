package org.asperity.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionLayout;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelContract;
import org.asperity.model.ModelMetadata;
import org.asperity.model.OnnxForecaster;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.Preset;
import org.asperity.trainer.baseline.RecurrenceBaseline;
import org.asperity.trainer.data.DataGenerator;
import org.asperity.trainer.data.DataSpec;
import org.asperity.trainer.data.Dataset;
import org.asperity.trainer.data.RunRecord;
import org.asperity.trainer.data.Split;
import org.asperity.trainer.evaluation.ForecastScores;
import org.asperity.trainer.evaluation.ModelCard;
import org.asperity.trainer.gbrt.GbrtParams;
import org.asperity.trainer.onnx.Parity;
import org.asperity.trainer.onnx.TtfTransform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small real training run, end to end: simulated cycles through the features, trees, ONNX export,
 * evaluation and card. Small means 12 stations, short feature windows, three runs of one cycle each
 * and shallow trees, so the suite stays fast; every mechanism is the production one.
 */
class TrainingPipelineTest {

  /**
   * West-east coast at 100 km from the trench over the three asperities, and a few inland stations.
   */
  private static final String STATIONS =
      String.join(
          "\n",
          "name,east_km,north_km",
          "C01,100,-180",
          "C02,100,-120",
          "C03,100,-80",
          "C04,100,-40",
          "C05,100,0",
          "C06,100,40",
          "C07,100,95",
          "C08,100,150",
          "I01,150,-100",
          "I02,150,0",
          "I03,150,100",
          "I04,220,0",
          "");

  @TempDir static Path dir;
  private static TrainingOptions options;
  private static TrainingResult first;

  @BeforeAll
  static void train() throws Exception {
    Path stations = dir.resolve("stations.csv");
    Files.writeString(stations, STATIONS);
    FeatureConfig features = FeatureConfig.builder().windows(10, 60, 365).build();
    DataSpec data =
        new DataSpec(
            Preset.NATURE,
            3,
            3,
            1,
            7.0,
            Duration.ofDays(1),
            10,
            Duration.ofDays(10),
            features,
            DataSpec.DEFAULT_START,
            2000,
            stations);
    options =
        new TrainingOptions(
            data,
            new GbrtParams(3, 0.3, 40, 0.8, 3, 1, 5),
            TtfTransform.LOG1P,
            true,
            List.of(1),
            2,
            "ttf-gbrt",
            "./asperity train (TrainingPipelineTest)");
    first = TrainingPipeline.run(options, dir.resolve("first"), Quiet.LISTENER);
  }

  @Test
  void onnxRuntimeScoresTheWrittenModelLikeXgboostOnTheTestSet() throws Exception {
    ModelArtifact artifact = ModelArtifact.read(first.files().get("model"));
    int[] test = first.testRows();
    float[] onnx;
    try (OnnxForecaster forecaster = OnnxForecaster.open(artifact)) {
      onnx = forecaster.score(first.data().featureMatrix(test), test.length);
    }
    Parity.Difference difference = Parity.compare(onnx, first.xgboostTestForecasts());
    assertTrue(difference.maxRelative() <= 1e-5, difference.toString());
    assertEquals(test.length * ModelContract.OUTPUT_WIDTH, onnx.length);
    assertTrue(test.length > 50, "a test set worth the name: " + test.length + " rows");
  }

  /**
   * Training is reproducible to the byte: these options always give the stored SHA-256 of the
   * model, the card and the training data (see {@link Golden} to store new ones deliberately).
   */
  @Test
  void theSameOptionsWriteTheStoredBytes() throws Exception {
    Golden.assertMatches(
        "small-training.sha256",
        "card.sha256="
            + Golden.sha256(Files.readAllBytes(first.files().get("card")))
            + "\ndata.hash="
            + first.data().hash()
            + "\nmodel.sha256="
            + Golden.sha256(Files.readAllBytes(first.files().get("model")))
            + "\n");
  }

  @Test
  void theMetadataRebuildsTheFeaturesTheModelWasTrainedOn() throws Exception {
    ModelArtifact artifact = ModelArtifact.read(first.files().get("model"));
    ModelMetadata metadata = artifact.metadata();
    Dataset data = first.data();
    assertEquals(data.featureNames(), metadata.featureNames());
    assertEquals(data.hash(), metadata.trainingDataHash());
    assertEquals(7.0, metadata.magnitudeThreshold());
    assertEquals(86400.0, metadata.samplingIntervalSeconds());
    assertEquals(86400.0, metadata.tickIntervalSeconds());
    assertEquals(3L, metadata.trainingSeed());
    assertEquals(options.createdBy(), metadata.createdBy());

    FeatureConfig config =
        FeatureConfig.fromCanonicalString(
            new ObjectMapper().readTree(metadata.featureConfigJson()).asText());
    RegionLayout layout = RegionLayout.fromJson(metadata.regionLayoutJson());
    assertEquals(options.data().features(), config);
    assertEquals(metadata.layoutHash(), layout.layoutHash());
    assertEquals(metadata.featureHash(), FeatureSchema.of(config, layout).hash());

    // The test run again, through features built only from the metadata: identical rows.
    RunRecord recorded = data.records().get(data.records().size() - 1);
    assertEquals(Split.TEST, recorded.plan().split());
    RunRecord rebuilt =
        DataGenerator.record(options.data(), recorded.plan(), layout, new AtomicLong());
    assertArrayEquals(recorded.ticks(), rebuilt.ticks());
    assertArrayEquals(recorded.features(), rebuilt.features());
  }

  @Test
  void everyForecasterIsScoredOnTheSameTestRows() throws Exception {
    Dataset data = first.data();
    int[] test = first.testRows();
    assertArrayEquals(data.rowsOf(Split.TEST), test);
    List<ModelCard.ScoredModel> scores = first.scores();
    assertEquals(5, scores.size());
    double recurrence = data.meanTrainingRecurrenceDays();
    double[] ttf = data.ttfDays(test);
    double[] mw = data.magnitudes(test);

    // The model's row is the score of its own forecasts of the test rows ...
    float[] onnx;
    try (OnnxForecaster forecaster = OnnxForecaster.open(first.artifact())) {
      onnx = forecaster.score(data.featureMatrix(test), test.length);
    }
    assertEquals(ForecastScores.of(onnx, ttf, mw, recurrence), scores.get(0).scores());
    // ... and so is the renewal baseline's, recomputed here from the catalog.
    float[] renewal = RecurrenceBaseline.fit(data).forecast(data, test);
    double[] p50 = new double[test.length];
    double[] magnitude = new double[test.length];
    for (int i = 0; i < test.length; i++) {
      p50[i] = renewal[i * 4 + ModelContract.TTF_P50];
      magnitude[i] = renewal[i * 4 + ModelContract.MOMENT_MAGNITUDE];
    }
    assertEquals(
        ForecastScores.ofPoint(p50, magnitude, ttf, mw, recurrence), scores.get(1).scores());
    // The oracle sees the truth: it must at least be a forecaster (finite scores) on those rows.
    assertTrue(scores.get(4).name().startsWith("oracle"));
    assertTrue(Double.isFinite(scores.get(4).scores().ttfR2()));

    JsonNode metrics = new ObjectMapper().readTree(first.artifact().metadata().metricsJson());
    assertEquals(test.length, metrics.get("sets").get("test").get("rows").asInt());
    assertEquals(
        scores.get(0).scores().ttfR2(), metrics.get("test").get(0).get("ttfR2").asDouble());
  }

  @Test
  void noRowHasARuptureInItsWindowAndEachCycleHasOneSet() {
    Dataset data = first.data();
    long exclusion = options.data().exclusionMicros();
    for (int r = 0; r < data.rows(); r++) {
      long tick = data.tickMicros(r);
      RunRecord record = data.records().get(data.run(r));
      for (Earthquake e : record.earthquakes()) {
        assertFalse(
            e.onsetEpochMicros() > tick - exclusion && e.onsetEpochMicros() <= tick,
            "row at " + tick + " has " + e + " in its window");
      }
      assertEquals(record.plan().split(), data.split(r));
      assertTrue(data.ttfDays(r) > 0);
      assertTrue(data.magnitude(r) >= 7.0);
    }
    assertEquals(1, data.cycles(Split.TRAIN).size());
    assertEquals(1, data.cycles(Split.VALIDATION).size());
    assertEquals(1, data.cycles(Split.TEST).size());
  }

  @Test
  void theCardAndFiguresAreWritten() throws Exception {
    String card = Files.readString(first.files().get("card"));
    assertTrue(card.contains("## Metrics on the test cycles"));
    assertTrue(card.contains(first.artifact().sha256()));
    assertTrue(card.endsWith("```\n./asperity train (TrainingPipelineTest)\n```\n"));
    for (String figure :
        List.of("forecast figure", "learning-curve figure", "boosting-rounds figure")) {
      assertTrue(Files.size(first.files().get(figure)) > 1000, figure);
    }
  }

  /** Tests print nothing. */
  private enum Quiet implements TrainingPipeline.Listener {
    LISTENER;

    @Override
    public void phase(String description) {}

    @Override
    public void progress(double fraction, String detail) {}
  }
}
