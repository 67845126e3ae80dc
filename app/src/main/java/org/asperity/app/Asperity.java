package org.asperity.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ./asperity} command: one entry point, a subcommand per thing an operator does. */
@Command(
    name = "asperity",
    mixinStandardHelpOptions = true,
    versionProvider = AsperityVersion.class,
    subcommands = {
      DemoCommand.class,
      ClusterCommand.class,
      SimulateCommand.class,
      TrainCommand.class,
      ModelCommand.class,
      ReplayCommand.class,
      CatalogCommand.class,
      TopicsCommand.class,
      WebCommand.class,
      BridgeCommand.class,
      IngestCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    description = {
      "Real-time time-to-failure forecasts of megathrust earthquakes from GNSS deformation streams.",
      "",
      "Start with:  ./asperity demo        (everything in one process; Ctrl-C to stop)",
      "Each subcommand has its own --help."
    })
public final class Asperity implements Runnable {

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Show Kafka's and Flink's own INFO logs (quiet by default).")
  void setVerbose(boolean verbose) {
    if (verbose) {
      Logging.verbose();
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests to check flags and help texts. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Asperity());
    cli.setExecutionExceptionHandler(new FriendlyErrors());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpWidth(100);
    return cli;
  }
}
