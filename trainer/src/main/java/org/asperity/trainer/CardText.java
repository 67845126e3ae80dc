package org.asperity.trainer;

import static org.asperity.time.TimeUnits.DAYS_PER_YEAR;
import static org.asperity.time.TimeUnits.MICROS_PER_DAY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.InversionGeometry;
import org.asperity.trainer.data.DataSpec;
import org.asperity.trainer.data.Dataset;
import org.asperity.trainer.data.RowLabel;
import org.asperity.trainer.data.Split;
import org.asperity.trainer.evaluation.ModelCard;
import org.asperity.trainer.evaluation.ModelCardWriter;
import org.asperity.trainer.onnx.Parity;

/** The sentences of the model card that describe a training run, computed from what it measured. */
final class CardText {

  /**
   * The targets, judged on the multi-seed evaluation's intervals ({@code evaluation.json}); one
   * training run's test set only shows where a model stands.
   */
  static final double TARGET_TTF_R2 = MultiSeedEvaluation.TARGET_R2_LOWER;

  static final double TARGET_MARGIN_OVER_BASELINES = MultiSeedEvaluation.TARGET_MARGIN;
  static final double TARGET_MAGNITUDE_RATIO = MultiSeedEvaluation.TARGET_MW_RATIO;

  private CardText() {}

  static List<String> data(Dataset data, TrainingOptions options) {
    DataSpec spec = data.spec();
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Simulator preset `%s`, master seed %d: %d independent simulation runs "
                + "(seeds derived from the master seed), %.0f years of spin-up each, %s GNSS from %d stations "
                + "(region `%s`)",
            spec.preset().name().toLowerCase(Locale.ROOT),
            spec.seed(),
            spec.runs(),
            spec.spinUpYears(),
            spec.sampling().toDays() == 1 ? "daily" : "every " + spec.sampling(),
            data.layout().stationCount(),
            data.layout().region()));
    InversionGeometry g = InversionGeometry.DEFAULT;
    lines.add(
        String.format(
            Locale.ROOT,
            "The slip-deficit inversion of the features (and of the GNSS deficit baseline) assumes"
                + " its own megathrust, not the simulator's: dip %+.0f°, top edge %+.0f km, %.1f km"
                + " patches, asperity taper %.2f of the semi-axes (no inverse crime)",
            g.dipOffsetDegrees(),
            g.depthOffsetKm(),
            g.patchSizeKm(),
            g.haloWidth()));
    if (!spec.toggled().isEmpty()) {
      lines.add(
          "Physics ingredients switched from the preset: "
              + spec.toggled().stream().map(i -> i.label()).collect(Collectors.joining(", ")));
    }
    List<Earthquake> all = data.records().stream().flatMap(r -> r.earthquakes().stream()).toList();
    long large = all.stream().filter(e -> e.momentMagnitude() >= spec.magnitudeThreshold()).count();
    long fullMargin =
        all.stream()
            .filter(e -> e.momentMagnitude() >= spec.magnitudeThreshold())
            .filter(Earthquake::fullMargin)
            .count();
    double minLarge =
        all.stream()
            .filter(e -> e.momentMagnitude() >= spec.magnitudeThreshold())
            .mapToDouble(Earthquake::momentMagnitude)
            .min()
            .orElse(Double.NaN);
    double maxLarge =
        all.stream().mapToDouble(Earthquake::momentMagnitude).max().orElse(Double.NaN);
    double simulatedYears =
        data.records().stream().mapToDouble(r -> r.plan().durationYears()).sum();
    lines.add(
        String.format(
            Locale.ROOT,
            "%,.0f simulated years, %d earthquakes, %d of them at or above Mw %s "
                + "(Mw %.2f–%.2f, %d full-margin, %d partial)",
            simulatedYears,
            all.size(),
            large,
            ModelCardWriter.number(spec.magnitudeThreshold()),
            minLarge,
            maxLarge,
            fullMargin,
            large - fullMargin));
    double[] durations =
        data.cycles(Split.TRAIN).stream().mapToDouble(Dataset.Cycle::durationDays).toArray();
    double mean = java.util.Arrays.stream(durations).average().orElse(Double.NaN);
    double sd =
        Math.sqrt(
            java.util.Arrays.stream(durations).map(d -> (d - mean) * (d - mean)).sum()
                / Math.max(1, durations.length - 1));
    lines.add(
        String.format(
            Locale.ROOT,
            "A cycle is the interval between consecutive events at or above Mw %s; "
                + "training cycles last %.1f ± %.1f years (coefficient of variation %.2f, %.1f–%.1f years)",
            ModelCardWriter.number(spec.magnitudeThreshold()),
            mean / DAYS_PER_YEAR,
            sd / DAYS_PER_YEAR,
            sd / mean,
            java.util.Arrays.stream(durations).min().orElse(Double.NaN) / DAYS_PER_YEAR,
            java.util.Arrays.stream(durations).max().orElse(Double.NaN) / DAYS_PER_YEAR));
    for (Split s : Split.values()) {
      long runs = data.records().stream().filter(r -> r.plan().split() == s).count();
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: %d cycles in %d runs, %,d rows",
              name(s),
              data.cycles(s).size(),
              runs,
              data.rowsOf(s).length));
    }
    lines.add(
        "Split by whole simulation runs (independent seeds), hence by cycle: no cycle, no feature window "
            + "and no row is shared between sets; the validation set stops the boosting and calibrates the "
            + "interval, the test set is scored once");
    lines.add(
        String.format(
            Locale.ROOT,
            "Features computed at every daily tick by `features/` "
                + "(`RegionFeaturePipeline`, the classes the streaming job runs); one row every %d ticks",
            spec.rowStrideTicks()));
    lines.add(
        String.format(
            Locale.ROOT,
            "Target: time from the tick to the onset of the next event at or above "
                + "Mw %s (days; the trees are trained on %s), and that event's Mw",
            ModelCardWriter.number(spec.magnitudeThreshold()),
            options.ttfTransform() == org.asperity.trainer.onnx.TtfTransform.LOG1P
                ? "ln(1 + days), the graph converts back"
                : "days"));
    Map<RowLabel.Status, Long> dropped = data.ticksByStatus();
    lines.add(
        String.format(
            Locale.ROOT,
            "Row ticks dropped: %,d in the warm-up (the first %.0f days of each run, "
                + "while the long station window fills), %,d before the first event at or above the threshold "
                + "of a run (cycle start unknown), %,d after the last one (no label), %,d with a rupture in "
                + "their window",
            dropped.get(RowLabel.Status.WARM_UP),
            spec.warmUpMicros() / (double) MICROS_PER_DAY,
            dropped.get(RowLabel.Status.NO_PREVIOUS_EVENT),
            dropped.get(RowLabel.Status.NO_NEXT_EVENT),
            dropped.get(RowLabel.Status.RUPTURE_IN_WINDOW)));
    lines.add(
        String.format(
            Locale.ROOT,
            "Rupture window: a row at tick T is dropped when an earthquake of any "
                + "magnitude started in (T − %.0f days, T], the short station window. The longer windows "
                + "span ruptures on purpose: the station states remove coseismic offsets, and the change of "
                + "loading across an event is signal. So the model is not asked to forecast in the first "
                + "%.0f days after a rupture; forecasts there (network.timeSinceLastEvent.days below %.0f) "
                + "are outside its training domain",
            spec.exclusionMicros() / (double) MICROS_PER_DAY,
            spec.exclusionMicros() / (double) MICROS_PER_DAY,
            spec.exclusionMicros() / (double) MICROS_PER_DAY));
    return lines;
  }

  static Map<String, String> training(TrainingOptions options, ForecastBoosters model)
      throws XGBoostError {
    Map<String, String> t = new LinkedHashMap<>();
    t.put(
        "algorithm",
        "XGBoost gradient-boosted regression trees (hist), exported to one ONNX TreeEnsembleRegressor");
    t.put(
        "TTF objective",
        "reg:quantileerror at 0.1, 0.5, 0.9 on "
            + (options.ttfTransform() == org.asperity.trainer.onnx.TtfTransform.LOG1P
                ? "ln(1 + days)"
                : "days"));
    t.put("Mw objective", "reg:squarederror");
    t.put("max_depth", Integer.toString(options.gbrt().maxDepth()));
    t.put("eta", ModelCardWriter.number(options.gbrt().eta()));
    t.put(
        "subsample (rows), colsample_bytree (columns)",
        ModelCardWriter.number(options.gbrt().subsample())
            + ", "
            + ModelCardWriter.number(options.gbrt().colsampleBytree()));
    t.put(
        "min_child_weight (rows per leaf)",
        ModelCardWriter.number(options.gbrt().minChildWeight()));
    t.put("maximum rounds", Integer.toString(options.gbrt().nEstimators()));
    t.put(
        "early stopping",
        options.gbrt().earlyStoppingRounds() + " rounds without validation improvement");
    t.put("rounds kept (TTF, Mw)", model.ttf().rounds() + ", " + model.magnitude().rounds());
    float[] offsets = model.ttfOffsets();
    t.put(
        "p10–p90 interval",
        offsets == null
            ? "the quantile trees' own (not calibrated)"
            : String.format(
                Locale.ROOT,
                "conformalized on the validation cycles (Romano et al. 2019): "
                    + "p10 and p90 moved out by %.4f in %s (negative: in) for %.0f %% coverage",
                offsets[2],
                options.ttfTransform() == org.asperity.trainer.onnx.TtfTransform.LOG1P
                    ? "ln(1 + days)"
                    : "days",
                100 * ForecastBoosters.INTERVAL_COVERAGE));
    t.put("seed, threads", options.gbrt().seed() + ", " + options.gbrt().nthread());
    t.put("baselines", "the GBRT baselines use the same settings on their own inputs");
    return t;
  }

  /** One line per target: measured value, target, verdict. */
  static List<String> findings(
      List<ModelCard.ScoredModel> scores, List<ModelCard.LearningPoint> curve) {
    ModelCard.ScoredModel model = scores.get(0);
    ModelCard.ScoredModel oracle =
        scores.stream().filter(s -> s.name().startsWith("oracle")).findFirst().orElse(null);
    List<ModelCard.ScoredModel> others =
        scores.subList(1, scores.size()).stream().filter(s -> s != oracle).toList();
    ModelCard.ScoredModel best =
        others.stream()
            .max(java.util.Comparator.comparingDouble(s -> s.scores().ttfR2()))
            .orElse(null);
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "One test set, no interval: the verdicts on the targets (TTF R² lower bound ≥ %.2f;"
                + " margin over the best non-oracle baseline ≥ %.1f with a lower bound above 0; Mw"
                + " MAE ≤ %.1f × the constant-mean forecaster's) are made on the multi-seed"
                + " evaluation, `evaluation.json` next to this card (`./asperity train"
                + " --evaluate-seeds 5`)",
            TARGET_TTF_R2,
            TARGET_MARGIN_OVER_BASELINES,
            TARGET_MAGNITUDE_RATIO));
    double r2 = model.scores().ttfR2();
    lines.add(String.format(Locale.ROOT, "TTF R² on this run's held-out cycles: %.3f", r2));
    if (best != null) {
      double margin = r2 - best.scores().ttfR2();
      lines.add(
          String.format(
              Locale.ROOT,
              "Margin over the best non-oracle baseline here (%s, R² %.3f): %+.3f; all: %s",
              best.name(),
              best.scores().ttfR2(),
              margin,
              others.stream()
                  .map(s -> String.format(Locale.ROOT, "%s %.3f", s.name(), s.scores().ttfR2()))
                  .collect(Collectors.joining("; "))));
    }
    ModelCard.ScoredModel renewal =
        scores.stream().filter(s -> s.name().startsWith("renewal")).findFirst().orElse(null);
    double mae = model.scores().magnitudeMae();
    if (renewal != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "Mw MAE: %.3f, %.2f × the constant-mean forecaster's %.3f",
              mae,
              mae / renewal.scores().magnitudeMae(),
              renewal.scores().magnitudeMae()));
    }
    if (oracle != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "Upper bound: the oracle that sees the true stress and strength "
                  + "reaches TTF R² %.3f and Mw MAE %.3f; what remains above it is what no state-based "
                  + "forecaster can know (future strength draws and which asperities join a rupture)",
              oracle.scores().ttfR2(),
              oracle.scores().magnitudeMae()));
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "p10–p90 coverage of the true TTF: %.3f (0.8 is calibrated)",
            model.scores().ttfCoverageP10P90()));
    if (curve.size() > 1) {
      lines.add(
          "Learning curve (test R² by training cycles): "
              + curve.stream()
                  .map(p -> String.format(Locale.ROOT, "%d → %.3f", p.cycles(), p.ttfR2()))
                  .collect(Collectors.joining(", ")));
    }
    return lines;
  }

  /** What the forecast can and cannot know, in plain words (the same for every run). */
  static List<String> knowledge() {
    return List.of(
        "It sees only the stations: how fast the coast moves toward the continent and how that"
            + " rate changes, the offsets of past earthquakes, and the slip deficit an inversion on"
            + " its own (not the true) megathrust estimates from them",
        "It cannot see the stress or the strength of an asperity, nor the stress drop of the"
            + " next rupture: in this physics each is drawn anew (strength 15 %, stress drop a"
            + " factor of about 1.4 at one sigma), so the oracle's R² is the ceiling",
        "Precursory slip is off by default (the evidence before megathrust events is mixed); any"
            + " skill on the default physics therefore comes from the loading history, afterslip"
            + " and the time since the last detected event, not from a planted precursor; the"
            + " ablations in evaluation.json show what each physics ingredient contributes",
        "Its numbers hold for this simulated margin: a real margin's physics differs, and the"
            + " model has never seen one");
  }

  static String parity(Parity.Difference parity, int rows) {
    return String.format(
        Locale.ROOT,
        "ONNX Runtime (Java, one thread) against XGBoost's own predictions put "
            + "through the same post-processing, on the %,d test rows: maximum relative difference %.3g "
            + "(bound %.0e), maximum absolute difference %.3g.",
        rows,
        parity.maxRelative(),
        TrainingPipeline.MAX_PARITY_DIFFERENCE,
        parity.maxAbsolute());
  }

  private static String name(Split s) {
    return switch (s) {
      case TRAIN -> "Training";
      case VALIDATION -> "Validation (early stopping, interval calibration)";
      case TEST -> "Test (reported)";
    };
  }
}
