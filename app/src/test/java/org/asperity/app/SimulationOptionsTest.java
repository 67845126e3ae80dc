package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.asperity.simulator.Pacing;
import org.asperity.simulator.SimulationConfig;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Each interaction of the simulator's options that their help texts promise. */
class SimulationOptionsTest {
  /** The options of {@code command} as the launcher parses them. */
  private static SimulationOptions parse(String command, String... args) {
    CommandLine cli = Asperity.commandLine();
    String[] line = new String[args.length + 1];
    line[0] = command;
    System.arraycopy(args, 0, line, 1, args.length);
    cli.parseArgs(line);
    Object parsed = cli.getSubcommands().get(command).getCommand();
    return parsed instanceof DemoCommand d ? d.simulation : ((SimulateCommand) parsed).simulation;
  }

  private static SimulationConfig simulate(String... args) {
    return parse("simulate", args).config();
  }

  private static SimulationConfig demo(String... args) {
    return parse("demo", args).config(SimulationOptions.Defaults.DEMO);
  }

  @Test
  void withoutOptionsSimulateRecords100YearsAsFastAsPossible() {
    SimulationConfig config = simulate();
    assertEquals(100.0, config.durationYears());
    assertEquals(0, config.eventsPerRegion());
    assertTrue(config.pacing().unpaced());
  }

  @Test
  void eventsReplaceTheDefaultYears() {
    SimulationConfig config = simulate("--events", "60");
    assertTrue(Double.isNaN(config.durationYears()), "no 100-year limit");
    assertEquals(60, config.eventsPerRegion());
    assertTrue(config.bounded());
  }

  @Test
  void eventsWithYearsStopAtWhicheverComesFirst() {
    SimulationConfig config = simulate("--events", "60", "--years", "500");
    assertEquals(500.0, config.durationYears());
    assertEquals(60, config.eventsPerRegion());
  }

  @Test
  void paceImpliesNoDefaultYears() {
    SimulationConfig config = simulate("--pace", "1d");
    assertFalse(config.bounded(), "runs until stopped");
    assertEquals(TimeUnits.SECONDS_PER_DAY, config.pacing().speedFactor());
    assertEquals(0.0, config.pacing().catchUpYears());
  }

  @Test
  void paceWithYearsStopsAtTheYears() {
    assertEquals(5.0, simulate("--pace", "1d", "--years", "5").durationYears());
  }

  @Test
  void catchUpYearsApplyToAPacedRun() {
    Pacing pacing = simulate("--pace", "1d", "--catch-up-years", "20").pacing();
    assertEquals(20.0, pacing.catchUpYears());
    assertEquals(TimeUnits.SECONDS_PER_DAY, pacing.speedFactor());
  }

  @Test
  void catchUpYearsWithoutPaceAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> simulate("--catch-up-years", "20"));
    assertTrue(e.getMessage().contains("--pace"), e.getMessage());
  }

  @Test
  void theDemoPaces365DaysPerSecondAfter100YearsUntilStopped() {
    SimulationConfig config = demo();
    assertFalse(config.bounded());
    assertEquals(365 * TimeUnits.SECONDS_PER_DAY, config.pacing().speedFactor());
    assertEquals(100.0, config.pacing().catchUpYears());
  }

  @Test
  void theDemoTakesTheOperatorsPaceAndCatchUp() {
    Pacing pacing = demo("--pace", "1d", "--catch-up-years", "0").pacing();
    assertEquals(TimeUnits.SECONDS_PER_DAY, pacing.speedFactor());
    assertEquals(0.0, pacing.catchUpYears());
  }

  @Test
  void spinUpDefaultsTo3000YearsAsItsHelpSays() {
    assertEquals(3000.0, simulate().spinUpYears());
    assertEquals(10.0, simulate("--spin-up-years", "10").spinUpYears());
  }
}
