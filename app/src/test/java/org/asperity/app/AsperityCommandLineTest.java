package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.asperity.time.Durations;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every subcommand has a --help a new user can follow, and flags parse as documented. */
class AsperityCommandLineTest {

  @Test
  void everySubcommandHasHelpWithADescription() {
    for (var entry : Asperity.commandLine().getSubcommands().entrySet()) {
      if (entry.getKey().equals("help")) {
        continue;
      }
      StringWriter out = new StringWriter();
      CommandLine cli = Asperity.commandLine();
      cli.setOut(new PrintWriter(out));
      CommandLine sub = cli.getSubcommands().get(entry.getKey());
      int exit = cli.execute(entry.getKey(), "--help");
      assertEquals(0, exit, entry.getKey());
      String help = out.toString();
      assertTrue(help.contains("Usage: asperity " + entry.getKey()), help);
      assertFalse(
          sub.getCommandSpec().usageMessage().description().length == 0,
          entry.getKey() + " has no description");
      for (var option : sub.getCommandSpec().options()) {
        assertTrue(
            option.description().length > 0,
            entry.getKey() + " " + option.longestName() + " has no description");
      }
    }
  }

  @Test
  void badDurationSaysWhatIsExpected() {
    StringWriter err = new StringWriter();
    CommandLine cli = Asperity.commandLine();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("demo", "--duration", "soon");
    assertEquals(2, exit);
    assertTrue(err.toString().contains(Durations.GRAMMAR), err.toString());
  }
}
