package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asperity.trainer.TrainingOptions;
import org.asperity.trainer.evaluation.EvaluationSection;
import org.asperity.trainer.onnx.TtfTransform;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./asperity train}: flags, defaults, --quick, and the command written into the model. */
class TrainCommandTest {

  @Test
  void defaultsAreTheCommittedModelsAndSpellEveryOptionOut() {
    TrainingOptions options = parse().options();
    assertEquals(TrainCommand.DEFAULT_CYCLES, options.data().cycles());
    assertEquals(TrainCommand.DEFAULT_CYCLES_PER_RUN, options.data().cyclesPerRun());
    assertEquals(7.0, options.data().magnitudeThreshold());
    assertEquals(30, options.data().rowStrideTicks());
    assertEquals(Duration.ofDays(30), options.data().exclusion(), "the short station window");
    assertEquals(TtfTransform.LOG1P, options.ttfTransform());
    assertEquals(2, options.gbrt().nthread());
    assertEquals(
        "./asperity train --preset variable --seed 1 --cycles "
            + TrainCommand.DEFAULT_CYCLES
            + " --cycles-per-run "
            + TrainCommand.DEFAULT_CYCLES_PER_RUN
            + " --threshold 7 --sampling 1d"
            + " --row-every 30d --exclude-after-event 30d --ttf-space log1p --interval conformal --max-depth 4 --eta 0.1 --trees "
            + TrainCommand.DEFAULT_TREES
            + " --subsample 0.8 --colsample 0.5 --min-child-weight 100 --early-stopping 20 --learning-curve 5,10,20,50"
            + " --threads 2",
        options.createdBy());
  }

  @Test
  void theReproducingCommandReproducesTheOptions() {
    TrainCommand first =
        parse(
            "--quick",
            "--seed",
            "9",
            "--threshold",
            "7.5",
            "--ttf-space",
            "days",
            "--interval",
            "raw");
    TrainingOptions options = first.options();
    String[] words = options.createdBy().split(" ");
    TrainingOptions again =
        parse(List.of(words).subList(2, words.length).toArray(String[]::new)).options();
    assertEquals(options, again);
    assertEquals(TrainCommand.QUICK_CYCLES, options.data().cycles());
    assertEquals(TrainCommand.QUICK_TREES, options.gbrt().nEstimators());
    assertEquals(9L, options.data().seed());
    assertEquals(9L, options.gbrt().seed());
    assertFalse(options.calibrateInterval());
  }

  @Test
  void quickRunsDoNotOverwriteTheCommittedModel() {
    String home = System.getProperty("asperity.home");
    try {
      System.setProperty("asperity.home", "/repo");
      TrainCommand quick = parse("--quick");
      quick.options();
      assertEquals(Path.of("/repo/target/ttf-gbrt-quick"), outputOf(quick));
      assertEquals(Path.of("/repo/models/ttf-gbrt"), outputOf(parse()));
      assertEquals(Path.of("elsewhere"), outputOf(parse("--quick", "--out", "elsewhere")));
    } finally {
      if (home == null) {
        System.clearProperty("asperity.home");
      } else {
        System.setProperty("asperity.home", home);
      }
    }
  }

  @Test
  void helpFormatsCleanly() {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true));
    String help;
    try {
      help = new CommandLine(new TrainCommand()).getUsageMessage();
    } finally {
      System.setErr(err);
    }
    assertEquals("", captured.toString(), "picocli could not format a description");
    assertTrue(help.contains("validation (15 %) or test (15 %) set"), help);
    assertTrue(help.contains("hold 80 % of outcomes"), help);
    assertTrue(help.contains("Cycles per seed of --evaluate-seeds (default: 100)"), help);
    assertTrue(help.contains("Cycles per ablation seed (default: 60)"), help);
  }

  @Test
  void evaluationDefaultsAreWhatTheCardCallsAdequate() {
    TrainCommand command = parse();
    assertEquals(EvaluationSection.ADEQUATE_CYCLES_PER_SEED, command.evaluationCycles);
    assertEquals(EvaluationSection.ADEQUATE_ABLATION_CYCLES_PER_SEED, command.ablationCycles);
    assertEquals(30, parse("--evaluation-cycles", "30").evaluationCycles);
  }

  @Test
  void badValuesSayWhatIsExpected() {
    assertTrue(error("--row-every", "12h").contains("whole number of days"));
    assertTrue(error("--ttf-space", "weeks").contains("log1p or days"));
    assertTrue(error("--interval", "wide").contains("conformal or raw"));
    assertTrue(error("--cycles", "2").contains("at least 3 cycles"));
    assertTrue(error("--sampling", "7h").contains("divide one day evenly"));
  }

  private static Path outputOf(TrainCommand command) {
    try {
      var method = TrainCommand.class.getDeclaredMethod("outputDirectory");
      method.setAccessible(true);
      return (Path) method.invoke(command);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static TrainCommand parse(String... args) {
    TrainCommand command = new TrainCommand();
    CommandLine cli = new CommandLine(command);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.parseArgs(args);
    return command;
  }

  /** Runs the options check as the command would and returns its message. */
  private static String error(String... args) {
    TrainCommand command = parse(args);
    try {
      command.options();
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + List.of(args));
  }
}
