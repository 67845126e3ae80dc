package org.asperity.trainer;

import static org.asperity.time.TimeUnits.MICROS_PER_DAY;
import static org.asperity.time.TimeUnits.MICROS_PER_SECOND;
import static org.asperity.time.TimeUnits.NANOS_PER_SECOND;
import static org.asperity.trainer.TrainingMetrics.finiteOrNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.asperity.model.InvalidModelException;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelContract;
import org.asperity.model.ModelMetadata;
import org.asperity.model.OnnxForecaster;
import org.asperity.trainer.baseline.InputColumns;
import org.asperity.trainer.baseline.RecurrenceBaseline;
import org.asperity.trainer.data.DataGenerator;
import org.asperity.trainer.data.Dataset;
import org.asperity.trainer.data.Split;
import org.asperity.trainer.evaluation.ForecastMetrics;
import org.asperity.trainer.evaluation.ForecastPlots;
import org.asperity.trainer.evaluation.ForecastScores;
import org.asperity.trainer.evaluation.ModelCard;
import org.asperity.trainer.evaluation.ModelCardWriter;
import org.asperity.trainer.gbrt.GbrtTrainer;
import org.asperity.trainer.gbrt.LearningCurve;
import org.asperity.trainer.gbrt.TrainedBooster;
import org.asperity.trainer.onnx.OnnxExporter;
import org.asperity.trainer.onnx.Parity;

/**
 * A whole training run: simulate the cycles and compute their features, train the model, export it
 * to ONNX, score it with ONNX Runtime on the held-out cycles against the baselines, draw the
 * learning curve over training cycles, and write the artifact, its card and figures.
 *
 * <p>Everything written depends only on the options (no clock, no host): the same options give the
 * same model bytes and the same card.
 */
public final class TrainingPipeline {

  /** The contract's bound on how far ONNX Runtime may stray from XGBoost (relative). */
  public static final double MAX_PARITY_DIFFERENCE = 1e-5;

  public static final String CARD_FILE = "MODEL_CARD.md";
  public static final String FORECAST_PNG = "forecast-test-cycles.png";
  public static final String LEARNING_CURVE_PNG = "learning-curve-cycles.png";
  public static final String BOOSTING_PNG = "boosting-rounds.png";

  /** Test cycles shown in the forecast figure. */
  static final int PLOTTED_CYCLES = 5;

  private static final int SCORING_BATCH = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Hears what the run is doing; called from the thread that runs the pipeline. */
  public interface Listener {
    /** A phase begins. */
    void phase(String description);

    /** Progress within the simulation phase: fraction in [0, 1] and a one-line detail. */
    void progress(double fraction, String detail);

    /** A phase ended after {@code seconds}. */
    default void phaseDone(String description, double seconds) {}
  }

  private final TrainingOptions options;
  private final Listener listener;
  private final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
  private String phase;
  private long phaseStart;

  private TrainingPipeline(TrainingOptions options, Listener listener) {
    this.options = options;
    this.listener = listener;
  }

  /** Runs everything and writes the artifact, card and figures into {@code outputDirectory}. */
  public static TrainingResult run(TrainingOptions options, Path outputDirectory, Listener listener)
      throws IOException, InterruptedException, XGBoostError, InvalidModelException {
    return new TrainingPipeline(options, listener).run(outputDirectory);
  }

  private TrainingResult run(Path out)
      throws IOException, InterruptedException, XGBoostError, InvalidModelException {
    begin(
        String.format(
            Locale.ROOT,
            "simulating %d cycles in %d runs and computing their features",
            options.data().cycles(),
            options.data().runs()));
    Dataset data = DataGenerator.generate(options.data(), options.threads(), listener::progress);
    end();
    int[] train = requireRows(data, Split.TRAIN);
    int[] validation = requireRows(data, Split.VALIDATION);
    int[] test = requireRows(data, Split.TEST);
    double recurrence = data.meanTrainingRecurrenceDays();
    double[] testTtf = data.ttfDays(test);
    double[] testMagnitude = data.magnitudes(test);
    GbrtTrainer trainer = new GbrtTrainer(options.gbrt());
    InputColumns allFeatures = InputColumns.allFeatures(data, "GBRT on GNSS features (this model)");

    begin(
        String.format(
            Locale.ROOT,
            "training the model on %,d rows x %d features",
            train.length,
            data.featureNames().size()));
    try (ForecastBoosters model = train(trainer, allFeatures, data, train, validation)) {
      end();
      begin("exporting to ONNX and scoring the test cycles with ONNX Runtime");
      String version = version(data);
      byte[] draft = export(model, metadata(data, version, "{}"));
      float[] testFeatures = data.featureMatrix(test);
      float[] forecasts = score(draft, testFeatures, test.length);
      float[] expected = model.forecast(testFeatures, test.length);
      Parity.Difference parity = Parity.compare(forecasts, expected);
      if (!(parity.maxRelative() <= MAX_PARITY_DIFFERENCE)) {
        throw new IllegalStateException(
            "ONNX Runtime and XGBoost disagree on the test rows: " + parity);
      }
      List<ModelCard.ScoredModel> scores = new ArrayList<>();
      scores.add(
          new ModelCard.ScoredModel(
              allFeatures.name(),
              ForecastScores.of(forecasts, testTtf, testMagnitude, recurrence)));
      end();

      begin("scoring the baselines on the same test rows");
      RecurrenceBaseline renewal = RecurrenceBaseline.fit(data);
      float[] renewalForecasts = renewal.forecast(data, test);
      scores.add(
          new ModelCard.ScoredModel(
              "renewal: mean recurrence − time since last detected event",
              ForecastScores.ofPoint(
                  column(renewalForecasts, ModelContract.TTF_P50),
                  column(renewalForecasts, ModelContract.MOMENT_MAGNITUDE),
                  testTtf,
                  testMagnitude,
                  recurrence)));
      for (InputColumns columns :
          List.of(
              InputColumns.gnssDeficit(data),
              InputColumns.trueDeficit(data),
              InputColumns.oracle(data))) {
        try (ForecastBoosters baseline = train(trainer, columns, data, train, validation)) {
          float[] f = baseline.forecast(columns.values(data, test), test.length);
          scores.add(
              new ModelCard.ScoredModel(
                  columns.name(), ForecastScores.of(f, testTtf, testMagnitude, recurrence)));
        }
      }
      end();

      begin("learning curve over training cycles");
      List<ModelCard.LearningPoint> curve =
          learningCurve(
              trainer, data, validation, test, testFeatures, scores.get(0).scores(), train.length);
      end();

      begin("writing the model, its card and figures");
      Map<String, Double> importance = model.ttf().gainImportance();
      String metrics = metricsJson(data, scores, curve, parity, importance);
      byte[] onnx = export(model, metadata(data, version, metrics));
      if (!Arrays.equals(score(onnx, testFeatures, test.length), forecasts)) {
        throw new IllegalStateException("the final artifact scores differently from the draft");
      }
      Files.createDirectories(out);
      Map<String, Path> files = new LinkedHashMap<>();
      Path onnxFile = out.resolve(options.modelName() + ".onnx");
      OnnxExporter.write(onnx, onnxFile);
      files.put("model", onnxFile);
      ModelArtifact artifact = ModelArtifact.read(onnxFile);

      ModelCard.Figures figures =
          new ModelCard.Figures(FORECAST_PNG, LEARNING_CURVE_PNG, BOOSTING_PNG);
      writeForecastFigure(data, test, forecasts, out.resolve(FORECAST_PNG));
      files.put("forecast figure", out.resolve(FORECAST_PNG));
      writeLearningCurveFigure(curve, scores, out.resolve(LEARNING_CURVE_PNG));
      files.put("learning-curve figure", out.resolve(LEARNING_CURVE_PNG));
      Map<String, LearningCurve> rounds = new LinkedHashMap<>();
      rounds.put("TTF quantiles", model.ttf().learningCurve());
      rounds.put("magnitude", model.magnitude().learningCurve());
      ForecastPlots.writeLearningCurves(out.resolve(BOOSTING_PNG), rounds);
      files.put("boosting-rounds figure", out.resolve(BOOSTING_PNG));

      ModelCard card =
          new ModelCard(
              artifact,
              CardText.data(data, options),
              CardText.training(options, model),
              scores,
              curve,
              importance,
              concat(CardText.findings(scores, curve), CardText.knowledge()),
              CardText.parity(parity, test.length),
              figures);
      Path cardFile = out.resolve(CARD_FILE);
      ModelCardWriter.write(card, cardFile);
      files.put("card", cardFile);
      end();
      return new TrainingResult(data, artifact, card, parity, test, expected, files, phaseSeconds);
    }
  }

  private void begin(String description) {
    phase = description;
    phaseStart = System.nanoTime();
    listener.phase(description);
  }

  private void end() {
    double seconds = (System.nanoTime() - phaseStart) / (double) NANOS_PER_SECOND;
    phaseSeconds.put(phase, seconds);
    listener.phaseDone(phase, seconds);
  }

  private static int[] requireRows(Dataset data, Split split) {
    int[] rows = data.rowsOf(split);
    if (rows.length == 0) {
      throw new IllegalStateException(
          "the "
              + split.name().toLowerCase(Locale.ROOT)
              + " set has no rows: simulate more cycles");
    }
    return rows;
  }

  private ForecastBoosters train(
      GbrtTrainer trainer, InputColumns columns, Dataset data, int[] train, int[] validation)
      throws XGBoostError {
    return ForecastBoosters.train(
        trainer,
        options.ttfTransform(),
        options.calibrateInterval(),
        columns.names(),
        columns.values(data, train),
        data.ttfDays(train),
        data.magnitudes(train),
        columns.values(data, validation),
        data.ttfDays(validation),
        data.magnitudes(validation));
  }

  /**
   * The model's TTF trees retrained on the first n training cycles (in an order shuffled with the
   * seed, so that small n still mixes runs), scored on the test rows; the full set is the model
   * itself.
   */
  private List<ModelCard.LearningPoint> learningCurve(
      GbrtTrainer trainer,
      Dataset data,
      int[] validation,
      int[] test,
      float[] testFeatures,
      ForecastScores full,
      int fullRows)
      throws XGBoostError {
    List<Dataset.Cycle> cycles = new ArrayList<>(data.cycles(Split.TRAIN));
    SplittableRandom random = new SplittableRandom(options.data().seed());
    for (int i = cycles.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Dataset.Cycle t = cycles.get(i);
      cycles.set(i, cycles.get(j));
      cycles.set(j, t);
    }
    double[] testTtf = data.ttfDays(test);
    float[] validationFeatures = data.featureMatrix(validation);
    double[] validationTtf = data.ttfDays(validation);
    List<ModelCard.LearningPoint> points = new ArrayList<>();
    for (int n : options.learningCurveCycles().stream().sorted().distinct().toList()) {
      if (n >= cycles.size()) {
        continue;
      }
      int[] rows = data.rowsOf(cycles.subList(0, n));
      try (TrainedBooster ttf =
          ForecastBoosters.trainTtf(
              trainer,
              options.ttfTransform(),
              data.featureNames(),
              data.featureMatrix(rows),
              data.ttfDays(rows),
              validationFeatures,
              validationTtf)) {
        float[] raw = ttf.predict(testFeatures, test.length);
        double[] median = new double[test.length];
        for (int r = 0; r < test.length; r++) {
          median[r] = medianDays(raw, r);
        }
        points.add(
            new ModelCard.LearningPoint(
                n,
                rows.length,
                ForecastMetrics.r2(testTtf, median),
                ForecastMetrics.meanAbsoluteError(testTtf, median)));
      }
    }
    points.add(
        new ModelCard.LearningPoint(cycles.size(), fullRows, full.ttfR2(), full.ttfMaeDays()));
    return points;
  }

  /** The median of row r's three quantile outputs, in days, as the exported graph computes it. */
  private double medianDays(float[] raw, int r) {
    float[] q = Arrays.copyOfRange(raw, 3 * r, 3 * r + 3);
    for (int i = 0; i < 3; i++) {
      q[i] =
          switch (options.ttfTransform()) {
            case IDENTITY -> q[i];
            case LOG1P -> (float) Math.exp(q[i]) - 1f;
          };
    }
    Arrays.sort(q);
    return Math.max(0f, q[1]);
  }

  private byte[] export(ForecastBoosters model, ModelMetadata metadata) throws XGBoostError {
    return OnnxExporter.export(
        model.ttf().modelJson(),
        model.magnitude().modelJson(),
        model.transform(),
        model.ttfOffsets(),
        metadata);
  }

  /** Scores with ONNX Runtime, one intra-op thread (bit-identical to XGBoost's summation order). */
  private static float[] score(byte[] onnx, float[] features, int rows)
      throws InvalidModelException {
    ModelArtifact artifact = ModelArtifact.parse(onnx);
    int width = artifact.featureCount();
    float[] out = new float[rows * ModelContract.OUTPUT_WIDTH];
    try (OnnxForecaster forecaster = OnnxForecaster.open(artifact)) {
      for (int from = 0; from < rows; from += SCORING_BATCH) {
        int n = Math.min(SCORING_BATCH, rows - from);
        float[] batch =
            forecaster.score(Arrays.copyOfRange(features, from * width, (from + n) * width), n);
        System.arraycopy(batch, 0, out, from * ModelContract.OUTPUT_WIDTH, batch.length);
      }
    }
    return out;
  }

  private ModelMetadata metadata(Dataset data, String version, String metricsJson) {
    String featureConfig;
    try {
      featureConfig = JSON.writeValueAsString(options.data().features().canonicalString());
    } catch (IOException e) {
      throw new IllegalStateException("a string always serializes", e);
    }
    double tickSeconds =
        options.data().features().tickIntervalMicros() / (double) MICROS_PER_SECOND;
    return new ModelMetadata(
        options.modelName(),
        version,
        data.featureNames(),
        data.schema().hash(),
        featureConfig,
        data.layout().toJson(),
        data.layout().layoutHash(),
        options.data().magnitudeThreshold(),
        options.data().samplingMicros() / (double) MICROS_PER_SECOND,
        tickSeconds,
        options.data().seed(),
        data.hash(),
        metricsJson,
        options.createdBy());
  }

  /** Preset, then 12 hex digits of a hash of the data and every training setting. */
  private String version(Dataset data) {
    String settings =
        data.hash()
            + "|"
            + options.gbrt()
            + "|"
            + options.ttfTransform()
            + "|"
            + options.calibrateInterval()
            + "|"
            + options.learningCurveCycles();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(settings.getBytes(StandardCharsets.UTF_8));
      return options.data().preset().name().toLowerCase(Locale.ROOT)
          + "-"
          + HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private String metricsJson(
      Dataset data,
      List<ModelCard.ScoredModel> scores,
      List<ModelCard.LearningPoint> curve,
      Parity.Difference parity,
      Map<String, Double> importance)
      throws IOException {
    Map<String, TrainingMetrics.SetSize> sets = new LinkedHashMap<>();
    for (Split s : Split.values()) {
      sets.put(
          s.name().toLowerCase(Locale.ROOT),
          new TrainingMetrics.SetSize(
              data.records().stream().filter(r -> r.plan().split() == s).count(),
              data.cycles(s).size(),
              data.rowsOf(s).length));
    }
    List<TrainingMetrics.TestScores> test = new ArrayList<>();
    for (ModelCard.ScoredModel scored : scores) {
      ForecastScores s = scored.scores();
      test.add(
          new TrainingMetrics.TestScores(
              scored.name(),
              finiteOrNull(s.ttfR2()),
              finiteOrNull(s.ttfR2Log()),
              finiteOrNull(s.ttfMaeDays()),
              finiteOrNull(s.ttfMaeRecurrences()),
              finiteOrNull(s.ttfCoverageP10P90()),
              finiteOrNull(s.magnitudeR2()),
              finiteOrNull(s.magnitudeMae())));
    }
    List<TrainingMetrics.CurvePoint> points = new ArrayList<>();
    for (ModelCard.LearningPoint p : curve) {
      points.add(
          new TrainingMetrics.CurvePoint(
              p.cycles(), p.rows(), finiteOrNull(p.ttfR2()), finiteOrNull(p.ttfMaeDays())));
    }
    Map<String, Double> top = new LinkedHashMap<>();
    importance.entrySet().stream()
        .limit(10)
        .forEach(e -> top.put(e.getKey(), finiteOrNull(e.getValue())));
    return JSON.writeValueAsString(
        new TrainingMetrics(
            "test cycles (whole held-out simulation runs), scored by ONNX Runtime",
            sets,
            data.meanTrainingRecurrenceDays(),
            test,
            points,
            finiteOrNull(parity.maxRelative()),
            top));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static double[] column(float[] forecasts, int column) {
    double[] out = new double[forecasts.length / ModelContract.OUTPUT_WIDTH];
    for (int r = 0; r < out.length; r++) {
      out[r] = forecasts[r * ModelContract.OUTPUT_WIDTH + column];
    }
    return out;
  }

  /** The first test run's first few cycles: time since the run's start, truth, forecast band. */
  private static void writeForecastFigure(Dataset data, int[] test, float[] forecasts, Path png)
      throws IOException {
    int run = data.run(test[0]);
    int firstCycle = data.cycle(test[0]);
    List<Integer> picked = new ArrayList<>();
    for (int i = 0; i < test.length; i++) {
      int r = test[i];
      if (data.run(r) == run && data.cycle(r) < firstCycle + PLOTTED_CYCLES) {
        picked.add(i);
      }
    }
    long start =
        data.records().stream()
            .filter(rec -> rec.plan().run() == run)
            .findFirst()
            .orElseThrow()
            .startMicros();
    double[] time = new double[picked.size()];
    double[] truth = new double[picked.size()];
    float[] band = new float[picked.size() * ModelContract.OUTPUT_WIDTH];
    for (int k = 0; k < picked.size(); k++) {
      int i = picked.get(k);
      time[k] = (data.tickMicros(test[i]) - start) / (double) MICROS_PER_DAY;
      truth[k] = data.ttfDays(test[i]);
      System.arraycopy(
          forecasts,
          i * ModelContract.OUTPUT_WIDTH,
          band,
          k * ModelContract.OUTPUT_WIDTH,
          ModelContract.OUTPUT_WIDTH);
    }
    ForecastPlots.writeForecasts(png, time, truth, band);
  }

  private static void writeLearningCurveFigure(
      List<ModelCard.LearningPoint> curve, List<ModelCard.ScoredModel> scores, Path png)
      throws IOException {
    int[] cycles = curve.stream().mapToInt(ModelCard.LearningPoint::cycles).toArray();
    double[] r2 = curve.stream().mapToDouble(ModelCard.LearningPoint::ttfR2).toArray();
    Map<String, Double> references = new LinkedHashMap<>();
    for (ModelCard.ScoredModel s : scores.subList(1, scores.size())) {
      references.put(s.name(), s.scores().ttfR2());
    }
    ForecastPlots.writeTrainingCycleCurve(png, cycles, r2, references);
  }
}
