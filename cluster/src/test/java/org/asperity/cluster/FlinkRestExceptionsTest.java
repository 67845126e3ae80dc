package org.asperity.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The job's newest failure as Flink 2.2 reports it (a captured answer), and as 1.x did. */
class FlinkRestExceptionsTest {
  private static HttpServer jobManager(byte[] exceptions) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jobs/abc/exceptions",
        x -> {
          x.sendResponseHeaders(200, exceptions.length);
          x.getResponseBody().write(exceptions);
          x.close();
        });
    server.start();
    return server;
  }

  private static Optional<String> rootException(byte[] answer) throws Exception {
    HttpServer server = jobManager(answer);
    try {
      return new FlinkRest("http://127.0.0.1:" + server.getAddress().getPort())
          .rootException("abc");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void readsTheNewestEntryOfTheExceptionHistory() throws Exception {
    byte[] captured;
    try (InputStream in =
        getClass().getResourceAsStream("/flink-rest/exceptions-state-migration.json")) {
      captured = in.readAllBytes();
    }
    String trace = rootException(captured).orElseThrow();
    assertTrue(trace.startsWith("java.lang.RuntimeException: Error while getting state"), trace);
    assertTrue(
        trace.contains("Caused by: org.apache.flink.util.StateMigrationException: The new state"),
        trace);
  }

  @Test
  void fallsBackToTheRootExceptionOfFlinkOne() throws Exception {
    byte[] legacy =
        "{\"root-exception\":\"java.lang.IllegalStateException: boom\",\"all-exceptions\":[]}"
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(Optional.of("java.lang.IllegalStateException: boom"), rootException(legacy));
    byte[] none =
        "{\"exceptionHistory\":{\"entries\":[],\"truncated\":false}}"
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(Optional.empty(), rootException(none));
  }
}
