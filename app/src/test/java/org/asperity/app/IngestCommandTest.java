package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IngestCommandTest {
  @Test
  void aPasswordHasNoFlagOnlyAFileOrTheEnvironment() {
    CommandLine amqp =
        Asperity.commandLine().getSubcommands().get("ingest").getSubcommands().get("amqp");
    for (var option : amqp.getCommandSpec().options()) {
      assertFalse(
          option.longestName().contains("password") && !option.longestName().endsWith("-file"),
          option.longestName());
    }
    StringWriter out = new StringWriter();
    CommandLine cli = Asperity.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("ingest", "amqp", "--help"));
    String help = out.toString();
    for (String flag :
        new String[] {
          "--amqp-uri",
          "--amqp-host",
          "--amqp-port",
          "--amqp-vhost",
          "--amqp-user",
          "--amqp-password-file",
          "ASPERITY_AMQP_PASSWORD",
          "--exchange",
          "--exchange-type",
          "--binding-key",
          "--queue",
          "--prefetch",
          "--network",
          "--bootstrap-servers"
        }) {
      assertTrue(help.contains(flag), flag + " in " + help);
    }
  }

  @Test
  void aPasswordInTheUriIsRefusedInOneLineWithoutEchoingIt() {
    StringWriter err = new StringWriter();
    CommandLine cli = Asperity.commandLine();
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "ingest",
            "amqp",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--amqp-uri",
            "amqp://gfast:s3cret@rabbit.example.org/gnss");
    assertEquals(1, exit);
    String message = err.toString().strip();
    assertTrue(message.contains("--amqp-password-file"), message);
    assertFalse(message.contains("s3cret"), message);
    assertEquals(1, message.lines().count(), message);
  }
}
