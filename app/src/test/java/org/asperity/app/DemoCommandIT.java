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
  void demoRunsForItsDurationAndStopsCleanly() throws InterruptedException {
    Set<String> before = nonDaemonThreads();
    CommandLine cli = Asperity.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("demo", "--duration", "3s", "--progress-every", "1s", "--web-port", "0");

    assertEquals(0, exit, err.toString());
    Set<String> leaked = leakedThreads(before);
    assertTrue(leaked.isEmpty(), "threads left running: " + leaked);
  }

  /**
   * Non-daemon threads started since {@code before} that are still alive after a grace period: Netty
   * (Flink's shaded copy) ends its non-daemon {@code globalEventExecutor} thread by itself one second
   * after its last task, which can fall just after the demo returns.
   */
  private static Set<String> leakedThreads(Set<String> before) throws InterruptedException {
    Set<String> leaked = Set.of();
    for (int attempt = 0; attempt < 50; attempt++) {
      leaked = nonDaemonThreads();
      leaked.removeAll(before);
      if (leaked.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    return leaked;
  }

  private static Set<String> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }
}
