package org.asperity.bridge.amqp;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python publisher ({@code gfast_publisher.py}, Debian's {@code python3-pika}) as a child
 * process: a real non-Java client putting GFAST-style positions on the exchange. Debian's own
 * interpreter, since the package installs into its dist-packages.
 */
final class GfastPublisher {
  static final String PYTHON = "/usr/bin/python3";
  static final String SNCL = "P373.PW.LY_.00";

  /** 2023-02-04T04:00:00Z: the hour of the example message in GFAST's subscriber test. */
  static final long START_MILLIS = 1_675_483_200_000L;

  private GfastPublisher() {}

  static boolean installed() {
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import pika").start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Publishes epochs {@code first .. first + count - 1} of one station (one per second from {@link
   * #START_MILLIS}), confirmed by the broker, declaring and binding {@code queue} first.
   */
  static void publish(
      Path dir, int port, String exchange, String queue, int first, int count, String... extra)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    try {
      command.addAll(
          List.of(
              PYTHON,
              Path.of(GfastPublisher.class.getResource("gfast_publisher.py").toURI()).toString(),
              "--port",
              Integer.toString(port),
              "--exchange",
              exchange,
              "--queue",
              queue,
              "--sncl",
              SNCL,
              "--start-ms",
              Long.toString(START_MILLIS),
              "--first",
              Integer.toString(first),
              "--count",
              Integer.toString(count)));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    command.addAll(List.of(extra));
    Path errors = Files.createTempFile(dir, "publisher", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectError(errors.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("the Python publisher did not finish in 60 s");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "the Python publisher failed (" + p.exitValue() + "): " + Files.readString(errors));
    }
  }
}
