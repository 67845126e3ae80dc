package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.asperity.replay.RepositoryData;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The replay options that exclude or need each other, as their help texts say. */
class ReplayCommandOptionsTest {
  private static final String LHAS = RepositoryData.gnss("LHAS.tenv3").toString();

  /** The error output of a replay command line that must be refused before any work. */
  private static String refused(String... args) {
    CommandLine cli = Asperity.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    String[] line = new String[args.length + 1];
    line[0] = "replay";
    System.arraycopy(args, 0, line, 1, args.length);
    int exit = cli.execute(line);
    assertEquals(CommandLine.ExitCode.USAGE, exit, err.toString());
    return err.toString();
  }

  @Test
  void aSourceTopicReplacesFilesSoBothAreRefused() {
    String err = refused(LHAS, "--source-topic", "archive", "--dry-run");
    assertTrue(err.contains("give FILEs or --source-topic (one of them)"), err);
  }

  @Test
  void neitherFilesNorASourceTopicIsRefused() {
    String err = refused("--dry-run");
    assertTrue(err.contains("give FILEs or --source-topic (one of them)"), err);
  }

  @Test
  void producedAfterAndBeforeApplyOnlyWithASourceTopic() {
    String after = refused(LHAS, "--produced-after", "2020-01-01", "--dry-run");
    assertTrue(after.contains("need --source-topic"), after);
    String before = refused(LHAS, "--produced-before", "2020-01-01", "--dry-run");
    assertTrue(before.contains("need --source-topic"), before);
  }
}
