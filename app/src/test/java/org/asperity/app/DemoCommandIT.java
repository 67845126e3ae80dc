package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./asperity demo --duration ...} runs, exits 0 and leaves no thread behind. */
class DemoCommandIT {

  @Test
  void demoRunsForItsDurationAndStopsCleanly() {
    Set<String> before = nonDaemonThreads();
    CommandLine cli = Asperity.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("demo", "--duration", "3s", "--progress-every", "1s", "--web-port", "0");

    assertEquals(0, exit, err.toString());
    Set<String> leaked = nonDaemonThreads();
    leaked.removeAll(before);
    assertTrue(leaked.isEmpty(), "threads left running: " + leaked);
  }

  private static Set<String> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }
}
