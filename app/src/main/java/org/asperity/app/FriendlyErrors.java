package org.asperity.app;

import picocli.CommandLine;

/**
 * An operator sees one sentence naming the cause, not a stack trace; {@code --verbose} adds the
 * trace for a bug report.
 */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    cli.getErr().println("asperity " + cli.getCommandName() + ": " + ErrorMessages.describe(e));
    if (Logging.isVerbose()) {
      e.printStackTrace(cli.getErr());
    }
    return 1;
  }
}
