package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.asperity.job.metrics.JobMetrics;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./asperity demo} whose Flink job meets a record it cannot survive (the test hook makes
 * every observation of station C001 throw): each restart is counted, and once the restarts are used
 * up the demo stops at once, long before its duration, and exits non-zero with the cause in one
 * line.
 */
class DemoJobFailureIT {

  @Test
  void aJobThatGivesUpEndsTheDemoWithItsCauseAndANonZeroExit() throws Exception {
    CommandLine cli = Asperity.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    double restartsBefore = JobMetrics.peek().count("asperity.job.restarts");
    System.setProperty(JobService.POISON_STATION_PROPERTY, "C001");
    int exit;
    try {
      exit =
          cli.execute(
              "demo",
              "--duration",
              "10m",
              "--progress-every",
              "10m",
              "--web-port",
              Integer.toString(freePort()),
              "--metrics-port",
              "-1");
    } finally {
      System.clearProperty(JobService.POISON_STATION_PROPERTY);
    }

    assertEquals(1, exit, err.toString());
    String[] lines = err.toString().strip().split("\\R");
    assertEquals(1, lines.length, err.toString());
    assertTrue(
        lines[0].startsWith(
            "asperity demo: the Flink job failed after "
                + JobService.RESTART_ATTEMPTS
                + " restarts: java.lang.IllegalStateException: poison record of station sim-"),
        lines[0]);
    assertEquals(
        JobService.RESTART_ATTEMPTS,
        JobMetrics.peek().count("asperity.job.restarts") - restartsBefore,
        "restarts counted");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
