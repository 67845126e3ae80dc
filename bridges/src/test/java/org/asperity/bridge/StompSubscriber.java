package org.asperity.bridge;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Debian's Python STOMP client (python3-stomp) subscribed to an ActiveMQ topic, as a child process:
 * what a non-Java observatory system receives. Debian's own interpreter, since the package installs
 * into its dist-packages.
 */
final class StompSubscriber implements AutoCloseable {
  private static final String PYTHON = "/usr/bin/python3";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private StompSubscriber(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "stomp-subscriber-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the subscriber and returns once the broker confirmed its subscription. */
  static StompSubscriber subscribe(int stompPort, String topic, Path errors) {
    try {
      Path script = Path.of(StompSubscriber.class.getResource("stomp_subscriber.py").toURI());
      Process process =
          new ProcessBuilder(
                  PYTHON, script.toString(), "127.0.0.1", Integer.toString(stompPort), topic)
              .redirectError(errors.toFile())
              .start();
      StompSubscriber subscriber = new StompSubscriber(process);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> subscriber.lines.stream().anyMatch(l -> l.has("ready")) || !process.isAlive());
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Python subscriber exited: " + java.nio.file.Files.readString(errors));
      }
      return subscriber;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The messages received so far, in order: {@code headers} and {@code body}. */
  List<JsonNode> messages() {
    return lines.stream().filter(l -> l.has("body")).toList();
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(JSON.readTree(line));
      }
    } catch (IOException e) {
      // The process ended.
    }
  }

  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      reader.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
