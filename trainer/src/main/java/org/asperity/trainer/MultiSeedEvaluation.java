package org.asperity.trainer;

import static org.asperity.model.ModelContract.MOMENT_MAGNITUDE;
import static org.asperity.model.ModelContract.OUTPUT_WIDTH;
import static org.asperity.model.ModelContract.TTF_P10;
import static org.asperity.model.ModelContract.TTF_P50;
import static org.asperity.model.ModelContract.TTF_P90;
import static org.asperity.time.TimeUnits.MICROS_PER_DAY;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.asperity.simulator.CatalogSummary;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.Ingredient;
import org.asperity.trainer.baseline.InputColumns;
import org.asperity.trainer.data.DataGenerator;
import org.asperity.trainer.data.DataSpec;
import org.asperity.trainer.data.Dataset;
import org.asperity.trainer.data.RunRecord;
import org.asperity.trainer.data.Split;
import org.asperity.trainer.evaluation.EvaluationSection;
import org.asperity.trainer.evaluation.ForecastMetrics;
import org.asperity.trainer.evaluation.ModelCardWriter;
import org.asperity.trainer.gbrt.GbrtTrainer;

/**
 * The model and its baselines over several master seeds, each with its own simulated runs (so the
 * test runs of different seeds are disjoint), with intervals: across seeds (Student t on the seed
 * means) and a cycle bootstrap (test cycles resampled with replacement within each seed, the mean
 * over seeds recomputed). A target counts as met only when the pessimistic end of the wider
 * interval meets it. Also: ablations (each physics ingredient switched in turn, fewer seeds),
 * earthquake detection scored against the catalog, and the catalog statistics of the preset.
 *
 * <p>Results are written to {@code evaluation.json} after every seed, so an interrupted evaluation
 * leaves what it finished, with its coverage ({@code "complete": false}).
 */
public final class MultiSeedEvaluation {

  /** Seeds of the evaluation start here: far from the default model's seed 1. */
  public static final long FIRST_SEED = 1001;

  public static final String FILE = ModelCardWriter.EVALUATION_FILE;
  static final int BOOTSTRAP = 200;

  /**
   * A detection matches a catalog event within this many days: the onset day (3), and the length of
   * the short station window (30; the detector dates events late when afterslip follows).
   */
  static final double[] DETECTION_TOLERANCES_DAYS = {3.0, 30.0};

  static final double[] BANDS = {6.5, 7.0, 7.5, 8.0};

  public static final String MODEL = "model: GBRT on GNSS features";
  public static final String RENEWAL = "renewal: mean recurrence − time since last detected event";
  public static final String GNSS_DEFICIT = "slip deficit since last detected event, GNSS-inverted";
  public static final String TRUE_DEFICIT = "slip deficit, true";
  public static final String ORACLE = "oracle: true stress and strength";
  public static final String CONSTANT = "constant mean (Mw)";

  /** The targets, fixed before any evaluation. */
  public static final double TARGET_R2_LOWER = 0.75;

  public static final double TARGET_MARGIN = 0.2;
  public static final double TARGET_MW_RATIO = 0.7;

  /**
   * What to evaluate.
   *
   * @param training the default training options (data spec, trees)
   * @param seeds master seeds of the main evaluation
   * @param cycles cycles per seed
   * @param ablationSeeds seeds per ablation (0: none)
   * @param ablationCycles cycles per ablation seed
   */
  public record Plan(
      TrainingOptions training, int seeds, int cycles, int ablationSeeds, int ablationCycles) {
    public Plan {
      if (seeds < 2 || cycles < 10 || ablationSeeds < 0 || ablationCycles < 10) {
        throw new IllegalArgumentException(
            "at least 2 seeds and 10 cycles per seed (an interval needs both)");
      }
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Plan plan;
  private final Path out;
  private final Consumer<String> log;
  private final Map<String, Object> document = new LinkedHashMap<>();

  private MultiSeedEvaluation(Plan plan, Path out, Consumer<String> log) {
    this.plan = plan;
    this.out = out;
    this.log = log;
  }

  /** Runs the plan, writing {@code directory/evaluation.json} as it goes; returns its path. */
  public static Path run(Plan plan, Path directory, Consumer<String> log)
      throws IOException, InterruptedException, XGBoostError {
    Files.createDirectories(directory);
    return new MultiSeedEvaluation(plan, directory.resolve(FILE), log).run();
  }

  private Path run() throws IOException, InterruptedException, XGBoostError {
    DataSpec base = plan.training().data();
    document.put("complete", false);
    document.put(
        "what",
        "each forecaster scored on the test runs of each master seed; intervals are 95 %: across"
            + " seeds (Student t) and a cycle bootstrap ("
            + BOOTSTRAP
            + " resamples of the test cycles within each seed, mean over seeds); 'met' uses the"
            + " pessimistic end of the wider one");
    document.put("preset", base.model().name());
    document.put("magnitudeThreshold", base.magnitudeThreshold());
    document.put("cyclesPerSeed", plan.cycles());
    document.put("ablationCyclesPerSeed", plan.ablationCycles());
    List<Long> seeds = new ArrayList<>();
    for (int s = 0; s < plan.seeds(); s++) {
      seeds.add(FIRST_SEED + s);
    }
    document.put("seeds", seeds);
    log.accept("catalog statistics of the preset over 5 seeds");
    CatalogSummary catalog =
        CatalogSummary.of(
            base.model(), List.of(1L, 2L, 3L, 4L, 5L), 6000.0, base.magnitudeThreshold());
    document.put("catalog", catalog);
    document.put(
        "catalogTargets",
        Map.of(
            "recurrenceCovAll",
            "0.4-0.6",
            "recurrenceCovMw7",
            ">= 0.3",
            "largeAsperityCov",
            ">= 0.25 each",
            "magnitudes",
            "<= 6.3 to >= 8.2, Mw >= 7 spanning >= 0.8",
            "partialAndFull",
            ">= 20 % each"));
    List<SeedResult> results = new ArrayList<>();
    for (long seed : seeds) {
      log.accept("seed " + seed + ": simulating " + plan.cycles() + " cycles and training");
      results.add(evaluate(base.withSeedAndCycles(seed, plan.cycles()), true));
      document.put("forecasters", summarise(results));
      document.put("targets", targets(results));
      document.put("detection", detection(results));
      document.put("seedsDone", results.size());
      write();
    }
    Map<String, Object> ablations = new LinkedHashMap<>();
    document.put("ablations", ablations);
    if (plan.ablationSeeds() > 0) {
      for (Ingredient ingredient : Ingredient.values()) {
        boolean present = ingredient.presentIn(base.model());
        String label = ingredient.label() + (present ? " off" : " on");
        List<SeedResult> ablated = new ArrayList<>();
        for (int s = 0; s < plan.ablationSeeds(); s++) {
          long seed = FIRST_SEED + s;
          log.accept("ablation " + label + ", seed " + seed);
          ablated.add(
              evaluate(
                  base.withSeedAndCycles(seed, plan.ablationCycles())
                      .withToggled(List.of(ingredient)),
                  false));
          ablations.put(label, ablation(ablated));
          write();
        }
      }
    }
    document.put("complete", true);
    write();
    // a card already in the directory gets the tables of this evaluation
    if (EvaluationSection.refresh(out.resolveSibling(TrainingPipeline.CARD_FILE), out)) {
      log.accept("evaluation tables written into " + TrainingPipeline.CARD_FILE);
    }
    return out;
  }

  private void write() throws IOException {
    Files.writeString(out, JSON.writeValueAsString(document) + "\n");
  }

  /** One seed's test rows: truth, cycles, and each forecaster's outputs. */
  record SeedResult(
      double[] ttf,
      double[] magnitude,
      int[] cycleOfRow,
      int cycles,
      double meanRecurrenceDays,
      Map<String, float[]> forecasts,
      Map<String, Boolean> pointForecast,
      List<double[]> detections,
      List<double[]> events) {}

  private SeedResult evaluate(DataSpec spec, boolean full)
      throws InterruptedException, XGBoostError {
    TrainingOptions options = plan.training();
    Dataset data = DataGenerator.generate(spec, options.threads(), (f, d) -> {});
    int[] train = data.rowsOf(Split.TRAIN);
    int[] validation = data.rowsOf(Split.VALIDATION);
    int[] test = data.rowsOf(Split.TEST);
    GbrtTrainer trainer = new GbrtTrainer(options.gbrt());
    Map<String, float[]> forecasts = new LinkedHashMap<>();
    Map<String, Boolean> point = new LinkedHashMap<>();
    List<InputColumns> inputs = new ArrayList<>();
    inputs.add(InputColumns.allFeatures(data, MODEL));
    inputs.add(InputColumns.gnssDeficit(data));
    inputs.add(InputColumns.trueDeficit(data));
    if (full) {
      inputs.add(InputColumns.oracle(data));
    }
    List<String> names = List.of(MODEL, GNSS_DEFICIT, TRUE_DEFICIT, ORACLE);
    for (int i = 0; i < inputs.size(); i++) {
      InputColumns columns = inputs.get(i);
      try (ForecastBoosters boosters =
          ForecastBoosters.train(
              trainer,
              options.ttfTransform(),
              options.calibrateInterval(),
              columns.names(),
              columns.values(data, train),
              data.ttfDays(train),
              data.magnitudes(train),
              columns.values(data, validation),
              data.ttfDays(validation),
              data.magnitudes(validation))) {
        forecasts.put(names.get(i), boosters.forecast(columns.values(data, test), test.length));
        point.put(names.get(i), false);
      }
    }
    double recurrence = data.meanTrainingRecurrenceDays();
    double meanMagnitude =
        data.cycles(Split.TRAIN).stream()
            .mapToDouble(Dataset.Cycle::endMagnitude)
            .average()
            .orElseThrow();
    int since = data.schema().indexOf("network.timeSinceLastEvent.days");
    float[] renewal = new float[test.length * OUTPUT_WIDTH];
    float[] constant = new float[test.length * OUTPUT_WIDTH];
    for (int r = 0; r < test.length; r++) {
      double days = data.feature(test[r], since);
      // before the first detection the renewal knows nothing better than the mean recurrence
      float ttf = (float) Math.max(0.0, recurrence - (Double.isFinite(days) ? days : 0.0));
      for (int c : new int[] {TTF_P10, TTF_P50, TTF_P90}) {
        renewal[r * OUTPUT_WIDTH + c] = ttf;
        constant[r * OUTPUT_WIDTH + c] = (float) recurrence;
      }
      renewal[r * OUTPUT_WIDTH + MOMENT_MAGNITUDE] = (float) meanMagnitude;
      constant[r * OUTPUT_WIDTH + MOMENT_MAGNITUDE] = (float) meanMagnitude;
    }
    forecasts.put(RENEWAL, renewal);
    point.put(RENEWAL, true);
    forecasts.put(CONSTANT, constant);
    point.put(CONSTANT, true);
    Map<Long, Integer> cycleIds = new LinkedHashMap<>();
    int[] cycleOfRow = new int[test.length];
    for (int r = 0; r < test.length; r++) {
      long key = ((long) data.run(test[r]) << 32) | data.cycle(test[r]);
      cycleOfRow[r] = cycleIds.computeIfAbsent(key, k -> cycleIds.size());
    }
    List<double[]> detections = new ArrayList<>();
    List<double[]> events = new ArrayList<>();
    if (full) {
      detections(data, since, detections, events);
    }
    return new SeedResult(
        data.ttfDays(test),
        data.magnitudes(test),
        cycleOfRow,
        cycleIds.size(),
        recurrence,
        forecasts,
        point,
        detections,
        events);
  }

  /**
   * Detections read off the job's own feature (the time since the last detected event resets), with
   * the Mw proxy at detection, and the catalog's events inside the rows' time span, per run.
   */
  private static void detections(
      Dataset data, int since, List<double[]> detections, List<double[]> events) {
    int proxy = data.schema().indexOf("network.lastEventMwProxy");
    double offset = 0.0;
    for (RunRecord record : data.records()) {
      long[] ticks = record.ticks();
      if (ticks.length < 2) {
        continue;
      }
      int width = record.featureCount();
      double previous = Double.NaN;
      double previousTick = Double.NaN;
      for (int r = 0; r < ticks.length; r++) {
        double tick = ticks[r] / (double) MICROS_PER_DAY;
        double days = record.features()[r * width + since];
        boolean reset =
            Double.isFinite(days)
                && (!Double.isFinite(previous) || days < previous + (tick - previousTick) - 0.5);
        if (reset && r > 0) {
          detections.add(new double[] {offset + tick - days, record.features()[r * width + proxy]});
        }
        previous = days;
        previousTick = tick;
      }
      double first = ticks[0] / (double) MICROS_PER_DAY;
      double last = ticks[ticks.length - 1] / (double) MICROS_PER_DAY;
      for (Earthquake e : record.earthquakes()) {
        double day = e.onsetEpochMicros() / (double) MICROS_PER_DAY;
        if (day > first && day <= last) {
          events.add(new double[] {offset + day, e.momentMagnitude()});
        }
      }
      // runs share a calendar: keep them apart on one axis
      offset += last - first + 1e6;
    }
  }

  static Map<String, Object> summarise(List<SeedResult> results) {
    Map<String, Object> all = new LinkedHashMap<>();
    for (String name : results.get(0).forecasts().keySet()) {
      Map<String, Object> metrics = new LinkedHashMap<>();
      for (Metric m : Metric.values()) {
        if (results.get(0).pointForecast().get(name) && m == Metric.COVERAGE) {
          continue;
        }
        if (name.equals(CONSTANT) && m != Metric.MW_MAE && m != Metric.MW_MAE_RATIO) {
          continue;
        }
        metrics.put(m.key, interval(results, (r, rows) -> m.of(r, name, rows)));
      }
      all.put(name, metrics);
    }
    return all;
  }

  /** A value per seed, its mean, and both 95 % intervals. */
  interface SeedStatistic {
    double of(SeedResult result, int[] rows);
  }

  private static Map<String, Object> interval(
      List<SeedResult> results, SeedStatistic statistic, boolean unused) {
    double[] perSeed = new double[results.size()];
    for (int s = 0; s < perSeed.length; s++) {
      perSeed[s] = statistic.of(results.get(s), allRows(results.get(s)));
    }
    double mean = mean(perSeed);
    double sd = sd(perSeed);
    double t = studentT975(perSeed.length - 1);
    double half = t * sd / Math.sqrt(perSeed.length);
    double[] boot = new double[BOOTSTRAP];
    SplittableRandom random = new SplittableRandom(20_240_614L);
    for (int b = 0; b < BOOTSTRAP; b++) {
      double sum = 0.0;
      for (SeedResult r : results) {
        sum += statistic.of(r, resample(r, random));
      }
      boot[b] = sum / results.size();
    }
    Arrays.sort(boot);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", round(mean));
    m.put("perSeed", Arrays.stream(perSeed).map(MultiSeedEvaluation::round).toArray());
    m.put("seedInterval", new double[] {round(mean - half), round(mean + half)});
    m.put(
        "bootstrapInterval",
        new double[] {
          round(boot[(int) Math.floor(0.025 * (BOOTSTRAP - 1))]),
          round(boot[(int) Math.ceil(0.975 * (BOOTSTRAP - 1))])
        });
    m.put("lower", round(Math.min(mean - half, boot[(int) Math.floor(0.025 * (BOOTSTRAP - 1))])));
    m.put("upper", round(Math.max(mean + half, boot[(int) Math.ceil(0.975 * (BOOTSTRAP - 1))])));
    return m;
  }

  private static Map<String, Object> interval(
      List<SeedResult> results, java.util.function.BiFunction<SeedResult, int[], Double> f) {
    return interval(results, (r, rows) -> f.apply(r, rows), false);
  }

  private static int[] allRows(SeedResult r) {
    int[] rows = new int[r.ttf().length];
    Arrays.setAll(rows, i -> i);
    return rows;
  }

  /** The rows of the seed's test cycles drawn with replacement (cycle bootstrap). */
  private static int[] resample(SeedResult r, SplittableRandom random) {
    List<List<Integer>> byCycle = new ArrayList<>();
    for (int c = 0; c < r.cycles(); c++) {
      byCycle.add(new ArrayList<>());
    }
    for (int i = 0; i < r.cycleOfRow().length; i++) {
      byCycle.get(r.cycleOfRow()[i]).add(i);
    }
    List<Integer> rows = new ArrayList<>();
    for (int c = 0; c < r.cycles(); c++) {
      rows.addAll(byCycle.get(random.nextInt(r.cycles())));
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The metrics of a forecaster on some rows of a seed. */
  enum Metric {
    TTF_R2("ttfR2"),
    TTF_MAE_RECURRENCES("ttfMaeOverMeanRecurrence"),
    PINBALL_RECURRENCES("pinballLossOverMeanRecurrence"),
    COVERAGE("ttfCoverageP10P90"),
    MW_MAE("mwMae"),
    MW_MAE_RATIO("mwMaeOverConstantMean");

    final String key;

    Metric(String key) {
      this.key = key;
    }

    double of(SeedResult r, String name, int[] rows) {
      float[] f = r.forecasts().get(name);
      double[] truth = pick(r.ttf(), rows);
      double[] p10 = column(f, TTF_P10, rows);
      double[] p50 = column(f, TTF_P50, rows);
      double[] p90 = column(f, TTF_P90, rows);
      return switch (this) {
        case TTF_R2 -> ForecastMetrics.r2(truth, p50);
        case TTF_MAE_RECURRENCES ->
            ForecastMetrics.meanAbsoluteError(truth, p50) / r.meanRecurrenceDays();
        case PINBALL_RECURRENCES ->
            (ForecastMetrics.pinballLoss(truth, p10, 0.1)
                    + ForecastMetrics.pinballLoss(truth, p50, 0.5)
                    + ForecastMetrics.pinballLoss(truth, p90, 0.9))
                / 3.0
                / r.meanRecurrenceDays();
        case COVERAGE -> ForecastMetrics.intervalCoverage(truth, p10, p90);
        case MW_MAE ->
            ForecastMetrics.meanAbsoluteError(
                pick(r.magnitude(), rows), column(f, MOMENT_MAGNITUDE, rows));
        case MW_MAE_RATIO -> MW_MAE.of(r, name, rows) / MW_MAE.of(r, CONSTANT, rows);
      };
    }
  }

  static Map<String, Object> targets(List<SeedResult> results) {
    Map<String, Object> t = new LinkedHashMap<>();
    Map<String, Object> r2 = interval(results, (r, rows) -> Metric.TTF_R2.of(r, MODEL, rows));
    String best = bestBaseline(results);
    Map<String, Object> margin =
        interval(
            results,
            (r, rows) -> Metric.TTF_R2.of(r, MODEL, rows) - Metric.TTF_R2.of(r, best, rows));
    Map<String, Object> ratio =
        interval(results, (r, rows) -> Metric.MW_MAE_RATIO.of(r, MODEL, rows));
    t.put(
        "modelTtfR2",
        verdict(
            r2, "lower bound >= " + TARGET_R2_LOWER, (double) r2.get("lower") >= TARGET_R2_LOWER));
    margin.put("bestNonOracleBaseline", best);
    t.put(
        "marginOverBestBaseline",
        verdict(
            margin,
            "mean >= " + TARGET_MARGIN + " and lower bound > 0",
            (double) margin.get("mean") >= TARGET_MARGIN && (double) margin.get("lower") > 0));
    t.put(
        "mwMaeOverConstantMean",
        verdict(
            ratio,
            "upper bound <= " + TARGET_MW_RATIO,
            (double) ratio.get("upper") <= TARGET_MW_RATIO));
    return t;
  }

  private static Map<String, Object> verdict(Map<String, Object> m, String target, boolean met) {
    Map<String, Object> v = new LinkedHashMap<>(m);
    v.put("target", target);
    v.put("met", met);
    return v;
  }

  /** The non-oracle baseline with the best mean TTF R² over the seeds. */
  private static String bestBaseline(List<SeedResult> results) {
    String best = null;
    double bestR2 = Double.NEGATIVE_INFINITY;
    for (String name : List.of(RENEWAL, GNSS_DEFICIT, TRUE_DEFICIT)) {
      if (!results.get(0).forecasts().containsKey(name)) {
        continue;
      }
      double sum = 0;
      for (SeedResult r : results) {
        sum += Metric.TTF_R2.of(r, name, allRows(r));
      }
      if (sum > bestR2) {
        bestR2 = sum;
        best = name;
      }
    }
    return best;
  }

  private Map<String, Object> ablation(List<SeedResult> results) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("seeds", results.size());
    a.put("modelTtfR2", interval(results, (r, rows) -> Metric.TTF_R2.of(r, MODEL, rows)));
    String best = bestDeficit(results);
    a.put("bestDeficitBaseline", best);
    a.put("bestDeficitTtfR2", interval(results, (r, rows) -> Metric.TTF_R2.of(r, best, rows)));
    a.put(
        "margin",
        interval(
            results,
            (r, rows) -> Metric.TTF_R2.of(r, MODEL, rows) - Metric.TTF_R2.of(r, best, rows)));
    return a;
  }

  private static String bestDeficit(List<SeedResult> results) {
    double gnss = 0;
    double truth = 0;
    for (SeedResult r : results) {
      gnss += Metric.TTF_R2.of(r, GNSS_DEFICIT, allRows(r));
      truth += Metric.TTF_R2.of(r, TRUE_DEFICIT, allRows(r));
    }
    return truth >= gnss ? TRUE_DEFICIT : GNSS_DEFICIT;
  }

  private static Map<String, Object> detection(List<SeedResult> results) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(
        "how",
        "a detection is a reset of the job's network.timeSinceLastEvent feature (read at the row"
            + " stride), dated by it; it matches a catalog event within the tolerance; recall per"
            + " catalog Mw band, false alarms per band of the detection's Mw proxy; two events"
            + " closer than the row stride count as one detection");
    long total = 0;
    for (SeedResult r : results) {
      total += r.detections().size();
    }
    d.put("detections", total);
    for (double tolerance : DETECTION_TOLERANCES_DAYS) {
      d.put("within" + (int) tolerance + "Days", detectionBands(results, tolerance));
    }
    List<Object> raw = new ArrayList<>();
    for (SeedResult r : results) {
      raw.add(Map.of("detectionsDayMwProxy", r.detections(), "catalogDayMw", r.events()));
    }
    d.put("perSeed", raw);
    return d;
  }

  private static Map<String, Object> detectionBands(List<SeedResult> results, double tolerance) {
    String[] labels = {"Mw < 6.5", "6.5-7.0", "7.0-7.5", "7.5-8.0", "Mw >= 8.0"};
    long[] events = new long[labels.length];
    long[] found = new long[labels.length];
    long[] falseAlarms = new long[labels.length];
    for (SeedResult r : results) {
      for (double[] e : r.events()) {
        int band = band(e[1]);
        events[band]++;
        for (double[] x : r.detections()) {
          if (Math.abs(x[0] - e[0]) <= tolerance) {
            found[band]++;
            break;
          }
        }
      }
      for (double[] x : r.detections()) {
        boolean matched = false;
        for (double[] e : r.events()) {
          if (Math.abs(x[0] - e[0]) <= tolerance) {
            matched = true;
            break;
          }
        }
        if (!matched) {
          falseAlarms[band(Double.isFinite(x[1]) ? x[1] : 0.0)]++;
        }
      }
    }
    Map<String, Object> bands = new LinkedHashMap<>();
    for (int b = 0; b < labels.length; b++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("catalogEvents", events[b]);
      m.put("detected", found[b]);
      m.put("recall", events[b] == 0 ? null : round(found[b] / (double) events[b]));
      m.put("falseAlarms", falseAlarms[b]);
      bands.put(labels[b], m);
    }
    return bands;
  }

  private static int band(double mw) {
    int b = 0;
    while (b < BANDS.length && mw >= BANDS[b]) {
      b++;
    }
    return b;
  }

  private static double[] pick(double[] values, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }

  private static double[] column(float[] forecasts, int column, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = forecasts[rows[i] * OUTPUT_WIDTH + column];
    }
    return out;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double sd(double[] x) {
    if (x.length < 2) {
      return Double.NaN;
    }
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  /** 97.5 % quantile of Student's t with {@code dof} degrees of freedom (table, then normal). */
  static double studentT975(int dof) {
    double[] table = {
      Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228
    };
    return dof < 1 ? Double.NaN : dof < table.length ? table[dof] : 1.96 + 2.4 / dof;
  }

  private static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : Double.NaN;
  }

  /** A one-line summary of a written evaluation's targets, for the terminal. */
  public static String describe(Path file) throws IOException {
    Map<?, ?> doc = JSON.readValue(file.toFile(), Map.class);
    Map<?, ?> targets = (Map<?, ?>) doc.get("targets");
    StringBuilder b = new StringBuilder();
    if (targets != null) {
      for (Map.Entry<?, ?> e : targets.entrySet()) {
        Map<?, ?> v = (Map<?, ?>) e.getValue();
        b.append(
            String.format(
                Locale.ROOT,
                "  %s: mean %s, interval [%s, %s], target %s: %s%n",
                e.getKey(),
                v.get("mean"),
                v.get("lower"),
                v.get("upper"),
                v.get("target"),
                Boolean.TRUE.equals(v.get("met")) ? "met" : "not met"));
      }
    }
    return b.toString();
  }
}
