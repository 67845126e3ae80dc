package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BridgeCommandTest {
  @TempDir Path dir;

  @Test
  void aSecretHasNoFlagOnlyAFile() {
    CommandLine activeMq =
        Asperity.commandLine().getSubcommands().get("bridge").getSubcommands().get("activemq");
    for (var option : activeMq.getCommandSpec().options()) {
      assertFalse(option.longestName().contains("password"), option.longestName());
    }
    assertTrue(activeMq.getCommandSpec().findOption("--activemq-config") != null);
  }

  @Test
  void aMisspelledKeyInTheActiveMqFileIsAOneLineErrorAndExitsNonZero() throws Exception {
    Path file = dir.resolve("activemq.properties");
    Files.writeString(file, "username=bridge\npassword=s3cret\n");
    StringWriter err = new StringWriter();
    CommandLine cli = Asperity.commandLine();
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "bridge",
            "activemq",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--activemq-config",
            file.toString(),
            "--state-dir",
            dir.resolve("state").toString());
    assertEquals(1, exit);
    String message = err.toString().strip();
    assertTrue(message.contains("username"), message);
    assertFalse(message.contains("s3cret"), message);
    assertEquals(1, message.lines().count(), message);
  }
}
