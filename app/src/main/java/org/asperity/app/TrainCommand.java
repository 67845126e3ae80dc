package org.asperity.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.asperity.features.FeatureConfig;
import org.asperity.model.ModelSigning;
import org.asperity.simulator.Preset;
import org.asperity.time.DurationConverter;
import org.asperity.time.Durations;
import org.asperity.time.TimeUnits;
import org.asperity.trainer.MultiSeedEvaluation;
import org.asperity.trainer.TrainingOptions;
import org.asperity.trainer.TrainingPipeline;
import org.asperity.trainer.TrainingResult;
import org.asperity.trainer.data.DataSpec;
import org.asperity.trainer.data.Split;
import org.asperity.trainer.evaluation.EvaluationSection;
import org.asperity.trainer.evaluation.ForecastScores;
import org.asperity.trainer.evaluation.ModelCard;
import org.asperity.trainer.gbrt.GbrtParams;
import org.asperity.trainer.onnx.TtfTransform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./asperity train}: simulated cycles to a released ONNX model with its card. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Train the time-to-failure model on simulated cycles; write ONNX and its card.",
    description = {
      "Train the time-to-failure model: simulate seismic cycles and their GNSS stations,",
      "compute the features the streaming job computes (at every daily tick), train",
      "gradient-boosted trees for the TTF quantiles p10/p50/p90 and the magnitude of the next",
      "event above the threshold, export them to ONNX, and score them on held-out cycles",
      "against baselines (mean recurrence, slip deficit, and an oracle that sees the true",
      "stress). Writes DIR/ttf-gbrt.onnx, DIR/MODEL_CARD.md and figures.",
      "The same command writes the same model, byte for byte.",
      "",
      "Examples:",
      "  ./asperity train --quick                 a small run (about a minute) into target/ttf-gbrt-quick",
      "  ./asperity train                         the default model (a few minutes) into models/ttf-gbrt",
      "  ./asperity train --cycles 400 --out run/big",
      "  ./asperity train --evaluate-seeds 5        the multi-seed evaluation with intervals (an hour or more)",
      ""
    })
final class TrainCommand implements Callable<Integer> {

  /** What --quick changes: a few cycles, fewer trees. */
  static final int QUICK_CYCLES = 15;

  static final int QUICK_CYCLES_PER_RUN = 3;
  static final int QUICK_TREES = 150;
  static final int DEFAULT_CYCLES = 200;
  static final int DEFAULT_CYCLES_PER_RUN = 5;
  static final int DEFAULT_TREES = 300;

  @Spec CommandSpec spec;

  @Option(
      names = "--quick",
      description =
          "A small run to try things: "
              + QUICK_CYCLES
              + " cycles, "
              + QUICK_TREES
              + " trees at most, "
              + "written to target/ttf-gbrt-quick unless --out says otherwise. Other flags still apply.")
  boolean quick;

  @Option(
      names = "--preset",
      defaultValue = "variable",
      paramLabel = "variable|nature|lab",
      description =
          "The simulated megathrust and network (default: ${DEFAULT-VALUE}: nature's megathrust with"
              + " every documented source of irregularity; nature and lab are the older, more"
              + " clock-like ones).")
  Preset preset;

  @Option(
      names = "--evaluate-seeds",
      paramLabel = "N",
      description =
          "Instead of training one model: evaluate the model and its baselines over N master seeds"
              + " (at least 2; 5 for the card) with intervals, the ablations and detection, into"
              + " DIR/evaluation.json. Takes N times a training of --evaluation-cycles cycles, plus"
              + " the ablations.")
  Integer evaluateSeeds;

  @Option(
      names = "--evaluation-cycles",
      paramLabel = "N",
      description = "Cycles per seed of --evaluate-seeds (default: ${DEFAULT-VALUE}).")
  int evaluationCycles = EvaluationSection.ADEQUATE_CYCLES_PER_SEED;

  @Option(
      names = "--ablation-seeds",
      defaultValue = "3",
      paramLabel = "N",
      description =
          "Seeds per ablation of --evaluate-seeds, each physics ingredient switched in turn; 0 for"
              + " none (default: ${DEFAULT-VALUE}).")
  int ablationSeeds;

  @Option(
      names = "--ablation-cycles",
      paramLabel = "N",
      description = "Cycles per ablation seed (default: ${DEFAULT-VALUE}).")
  int ablationCycles = EvaluationSection.ADEQUATE_ABLATION_CYCLES_PER_SEED;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "N",
      description = "Master seed of the simulations and the trees (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--cycles",
      paramLabel = "N",
      description =
          "Seismic cycles to simulate in all, train + validation + test (default: "
              + DEFAULT_CYCLES
              + "; "
              + QUICK_CYCLES
              + " with --quick). A cycle is the interval between two events above the threshold.")
  Integer cycles;

  @Option(
      names = "--cycles-per-run",
      paramLabel = "N",
      description =
          "Cycles per independent simulation run (default: "
              + DEFAULT_CYCLES_PER_RUN
              + "; "
              + QUICK_CYCLES_PER_RUN
              + " with --quick). Whole runs go to the training, validation (15 %%) or test (15 %%) set.")
  Integer cyclesPerRun;

  @Option(
      names = "--threshold",
      defaultValue = "7.0",
      paramLabel = "MW",
      description =
          "The forecast target is the next event of at least this moment magnitude (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(
      names = "--sampling",
      defaultValue = "1d",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "GNSS sampling interval; one day must be a whole number of them (default: ${DEFAULT-VALUE}). A DURATION is "
              + Durations.GRAMMAR
              + ".")
  Duration sampling;

  @Option(
      names = "--stations",
      paramLabel = "CSV",
      description =
          "Train for your own network: a stations CSV (as for simulate) instead of the preset's 100 stations.")
  Path stations;

  @Option(
      names = "--row-every",
      defaultValue = "30d",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Features are computed at every daily tick; keep one training row this often (default: ${DEFAULT-VALUE}).")
  Duration rowEvery;

  @Option(
      names = "--exclude-after-event",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Drop rows whose last DURATION contains an earthquake onset (default: the short feature window, 30d).")
  Duration exclusion;

  @Option(
      names = "--ttf-space",
      defaultValue = "log1p",
      paramLabel = "log1p|days",
      description =
          "Train the TTF trees on ln(1 + days) or on days; the model always outputs days (default: ${DEFAULT-VALUE}).")
  String ttfSpace;

  @Option(
      names = "--interval",
      defaultValue = "conformal",
      paramLabel = "conformal|raw",
      description =
          "p10-p90 interval: calibrated on the validation cycles to hold 80 %% of outcomes (conformalized"
              + " quantile regression), or the quantile trees' raw one (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(
      names = "--max-depth",
      defaultValue = "4",
      paramLabel = "N",
      description = "Tree depth (default: ${DEFAULT-VALUE}).")
  int maxDepth;

  @Option(
      names = "--eta",
      defaultValue = "0.1",
      paramLabel = "X",
      description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double eta;

  @Option(
      names = "--trees",
      paramLabel = "N",
      description =
          "Boosting rounds at most, per model (default: "
              + DEFAULT_TREES
              + "; "
              + QUICK_TREES
              + " with --quick).")
  Integer trees;

  @Option(
      names = "--subsample",
      defaultValue = "0.8",
      paramLabel = "X",
      description = "Share of rows each tree sees (default: ${DEFAULT-VALUE}).")
  double subsample;

  @Option(
      names = "--colsample",
      defaultValue = "0.5",
      paramLabel = "X",
      description = "Share of the feature columns each tree sees (default: ${DEFAULT-VALUE}).")
  double colsample;

  @Option(
      names = "--min-child-weight",
      defaultValue = "100",
      paramLabel = "X",
      description =
          "Smallest leaf, in rows: large values keep a leaf from fitting one stretch of one cycle"
              + " (default: ${DEFAULT-VALUE}).")
  double minChildWeight;

  @Option(
      names = "--early-stopping",
      defaultValue = "20",
      paramLabel = "N",
      description =
          "Stop after N rounds without improvement on the validation cycles; 0 = never (default: ${DEFAULT-VALUE}).")
  int earlyStopping;

  @Option(
      names = "--learning-curve",
      defaultValue = "5,10,20,50",
      split = ",",
      paramLabel = "N",
      description =
          "Training-cycle counts of the learning curve; all training cycles are always the last point (default: ${DEFAULT-VALUE}).")
  List<Integer> learningCurve;

  @Option(
      names = "--threads",
      defaultValue = "2",
      paramLabel = "N",
      description =
          "Simulation runs in parallel and XGBoost threads; part of what makes the model reproducible (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output directory (default: models/ttf-gbrt in the Asperity directory, where the job loads it; "
              + "target/ttf-gbrt-quick with --quick).")
  Path out;

  @Option(
      names = "--signing-key",
      paramLabel = "FILE",
      description =
          "Sign the exported model with this Ed25519 private key (PEM, PKCS#8): writes"
              + " DIR/<model>.onnx.sig, for `./asperity model publish`. Default: no signature.")
  Path signingKey;

  @Override
  public Integer call() throws Exception {
    TrainingOptions options = options();
    PrivateKey signer = signingKey == null ? null : ModelSigning.readPrivateKey(signingKey);
    Path directory = outputDirectory();
    PrintWriter o = spec.commandLine().getOut();
    if (evaluateSeeds != null) {
      return evaluate(options, directory, o);
    }
    DataSpec data = options.data();
    o.printf(
        Locale.ROOT,
        "Training %s on the %s preset: %d cycles in %d simulation runs (seed %d), "
            + "events of Mw >= %s, into %s%n",
        options.modelName(),
        preset.name().toLowerCase(Locale.ROOT),
        data.cycles(),
        data.runs(),
        seed,
        plain(threshold),
        directory);
    o.flush();
    long start = System.nanoTime();
    ProgressBar[] bar = new ProgressBar[1];
    TrainingResult result =
        TrainingPipeline.run(
            options,
            directory,
            new TrainingPipeline.Listener() {
              @Override
              public void phase(String description) {
                if (description.startsWith("simulating")) {
                  bar[0] = new ProgressBar(System.err, "simulating");
                }
                o.println("- " + description + " ...");
                o.flush();
              }

              @Override
              public void progress(double fraction, String detail) {
                if (bar[0] != null) {
                  bar[0].update(fraction, detail);
                }
              }

              @Override
              public void phaseDone(String description, double seconds) {
                if (bar[0] != null) {
                  bar[0].done();
                  bar[0] = null;
                }
                o.printf(Locale.ROOT, "  done in %s%n", seconds(seconds));
                o.flush();
              }
            });
    summary(o, result, (System.nanoTime() - start) / (double) TimeUnits.NANOS_PER_SECOND);
    if (signer != null) {
      Path signature = ModelCommand.sign(signer, directory.resolve(options.modelName() + ".onnx"));
      o.printf("Signed: %s%n", signature);
      o.flush();
    }
    return 0;
  }

  private int evaluate(TrainingOptions options, Path directory, PrintWriter o) throws Exception {
    MultiSeedEvaluation.Plan plan;
    try {
      plan =
          new MultiSeedEvaluation.Plan(
              options, evaluateSeeds, evaluationCycles, ablationSeeds, ablationCycles);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Path file =
        MultiSeedEvaluation.run(
            plan,
            directory,
            line -> {
              o.println("- " + line + " ...");
              o.flush();
            });
    o.printf("Evaluation written to %s%n", file);
    o.print(MultiSeedEvaluation.describe(file));
    o.flush();
    return 0;
  }

  TrainingOptions options() {
    if (!(threshold > 0)) {
      throw new ParameterException(spec.commandLine(), "--threshold must be a positive magnitude");
    }
    int c = cycles != null ? cycles : quick ? QUICK_CYCLES : DEFAULT_CYCLES;
    int perRun =
        cyclesPerRun != null ? cyclesPerRun : quick ? QUICK_CYCLES_PER_RUN : DEFAULT_CYCLES_PER_RUN;
    int rounds = trees != null ? trees : quick ? QUICK_TREES : DEFAULT_TREES;
    FeatureConfig features = FeatureConfig.defaults();
    Duration exclude =
        exclusion != null
            ? exclusion
            : Duration.ofNanos(sampling.toNanos() * features.shortWindowSamples());
    if (rowEvery.toNanos() % Duration.ofDays(1).toNanos() != 0 || rowEvery.isZero()) {
      throw new ParameterException(
          spec.commandLine(),
          "--row-every must be a whole number of days (ticks), not " + Durations.format(rowEvery));
    }
    int stride = (int) rowEvery.toDays();
    TtfTransform transform =
        switch (ttfSpace.toLowerCase(Locale.ROOT)) {
          case "log1p" -> TtfTransform.LOG1P;
          case "days" -> TtfTransform.IDENTITY;
          default ->
              throw new ParameterException(
                  spec.commandLine(), "--ttf-space must be log1p or days, not " + ttfSpace);
        };
    boolean calibrate =
        switch (interval.toLowerCase(Locale.ROOT)) {
          case "conformal" -> true;
          case "raw" -> false;
          default ->
              throw new ParameterException(
                  spec.commandLine(), "--interval must be conformal or raw, not " + interval);
        };
    try {
      DataSpec data =
          new DataSpec(
              preset,
              seed,
              c,
              perRun,
              threshold,
              sampling,
              stride,
              exclude,
              features,
              DataSpec.DEFAULT_START,
              DataSpec.DEFAULT_SPIN_UP_YEARS,
              stations);
      GbrtParams gbrt =
          new GbrtParams(
              maxDepth,
              eta,
              rounds,
              subsample,
              colsample,
              minChildWeight,
              seed,
              threads,
              earlyStopping);
      return new TrainingOptions(
          data,
          gbrt,
          transform,
          calibrate,
          learningCurve,
          threads,
          "ttf-gbrt",
          reproducingCommand(c, perRun, rounds, exclude, transform, calibrate));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * Every option that shapes the model, spelled out (so the card's command does not depend on
   * defaults that may change); the output directory is left out, as it does not change the bytes.
   */
  private String reproducingCommand(
      int c, int perRun, int rounds, Duration exclude, TtfTransform transform, boolean calibrate) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "./asperity",
                "train",
                "--preset",
                preset.name().toLowerCase(Locale.ROOT),
                "--seed",
                Long.toString(seed),
                "--cycles",
                Integer.toString(c),
                "--cycles-per-run",
                Integer.toString(perRun),
                "--threshold",
                plain(threshold),
                "--sampling",
                Durations.format(sampling)));
    if (stations != null) {
      args.addAll(List.of("--stations", stations.toString()));
    }
    args.addAll(
        List.of(
            "--row-every",
            Durations.format(rowEvery),
            "--exclude-after-event",
            Durations.format(exclude),
            "--ttf-space",
            transform == TtfTransform.LOG1P ? "log1p" : "days",
            "--interval",
            calibrate ? "conformal" : "raw",
            "--max-depth",
            Integer.toString(maxDepth),
            "--eta",
            plain(eta),
            "--trees",
            Integer.toString(rounds),
            "--subsample",
            plain(subsample),
            "--colsample",
            plain(colsample),
            "--min-child-weight",
            plain(minChildWeight),
            "--early-stopping",
            Integer.toString(earlyStopping),
            "--learning-curve",
            learningCurve.stream().map(String::valueOf).collect(Collectors.joining(",")),
            "--threads",
            Integer.toString(threads)));
    return String.join(" ", args);
  }

  private Path outputDirectory() {
    if (out != null) {
      return out;
    }
    Path home = Path.of(System.getProperty("asperity.home", "."));
    return home.resolve(
        quick ? Path.of("target", "ttf-gbrt-quick") : Path.of("models", "ttf-gbrt"));
  }

  private static void summary(PrintWriter o, TrainingResult result, double seconds)
      throws Exception {
    var data = result.data();
    o.println();
    o.printf(Locale.ROOT, "Trained %s in %s%n", result.artifact(), seconds(seconds));
    for (Split s : Split.values()) {
      o.printf(
          Locale.ROOT,
          "  %-10s %4d cycles, %,8d rows%n",
          s.name().toLowerCase(Locale.ROOT),
          data.cycles(s).size(),
          data.rowsOf(s).length);
    }
    o.printf(
        Locale.ROOT,
        "  mean recurrence of the training cycles: %.1f years%n",
        TimeUnits.daysToYears(data.meanTrainingRecurrenceDays()));
    o.println();
    o.println("Held-out test cycles:");
    o.printf(
        Locale.ROOT,
        "  %-44s %7s %7s %9s %7s %7s %7s %7s%n",
        "forecaster",
        "TTF R2",
        "R2 log",
        "MAE days",
        "MAE/rec",
        "p10-p90",
        "Mw R2",
        "Mw MAE");
    for (ModelCard.ScoredModel scored : result.scores()) {
      ForecastScores s = scored.scores();
      o.printf(
          Locale.ROOT,
          "  %-44s %7s %7s %9s %7s %7s %7s %7s%n",
          shorten(scored.name(), 44),
          f3(s.ttfR2()),
          f3(s.ttfR2Log()),
          f0(s.ttfMaeDays()),
          f3(s.ttfMaeRecurrences()),
          f3(s.ttfCoverageP10P90()),
          f3(s.magnitudeR2()),
          f3(s.magnitudeMae()));
    }
    o.println();
    o.println(
        "Learning curve (test TTF R2 by training cycles): "
            + result.card().learningCurve().stream()
                .map(p -> p.cycles() + " -> " + f3(p.ttfR2()))
                .collect(Collectors.joining(", ")));
    o.println(
        "Top features (gain): "
            + result.card().gainImportance().keySet().stream()
                .limit(5)
                .collect(Collectors.joining(", ")));
    o.println();
    o.println("Targets:");
    result.card().findings().forEach(line -> o.println("  " + line.replace("**", "")));
    o.println();
    o.println("Wrote:");
    for (Map.Entry<String, Path> file : result.files().entrySet()) {
      o.printf(
          Locale.ROOT,
          "  %-24s %s (%,d bytes)%n",
          file.getKey(),
          file.getValue(),
          Files.size(file.getValue()));
    }
    o.flush();
  }

  private static String shorten(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String f0(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String seconds(double s) {
    return s < TimeUnits.SECONDS_PER_MINUTE
        ? String.format(Locale.ROOT, "%.1f s", s)
        : String.format(
            Locale.ROOT,
            "%d min %02d s",
            (long) s / TimeUnits.SECONDS_PER_MINUTE,
            (long) s % TimeUnits.SECONDS_PER_MINUTE);
  }
}
