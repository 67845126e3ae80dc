package org.asperity.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSubmissionTest {
  @TempDir Path dir;

  /**
   * A JobManager that answers the upload, then {@code status} with {@code error} to the run, in the
   * REST API's error format.
   */
  private static HttpServer jobManager(int status, String error) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jars/upload",
        x -> {
          x.getRequestBody().readAllBytes();
          byte[] body =
              "{\"filename\":\"/tmp/flink-web/abc_job.jar\",\"status\":\"success\"}"
                  .getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    server.createContext(
        "/jars/abc_job.jar/run",
        x -> {
          x.getRequestBody().readAllBytes();
          byte[] body = ("{\"errors\":[\"" + error + "\"]}").getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(status, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    server.start();
    return server;
  }

  @Test
  void aJobManagerStillStartingIsWorthAnotherTry() throws Exception {
    HttpServer server =
        jobManager(503, "Service temporarily unavailable due to an ongoing leader election.");
    try {
      Path jar = Files.write(dir.resolve("job.jar"), new byte[] {1, 2, 3});
      FlinkRest rest = new FlinkRest("http://127.0.0.1:" + server.getAddress().getPort());
      FlinkRest.RestException e =
          assertThrows(
              FlinkRest.RestException.class,
              () -> JobSubmission.submit(rest, jar, List.of(), Optional.empty()));
      assertEquals(503, e.status());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRefusedJobIsAVerdictInOneLine() throws Exception {
    HttpServer server = jobManager(500, "Could not execute application.");
    try {
      Path jar = Files.write(dir.resolve("job.jar"), new byte[] {1, 2, 3});
      FlinkRest rest = new FlinkRest("http://127.0.0.1:" + server.getAddress().getPort());
      ClusterException e =
          assertThrows(
              ClusterException.class,
              () -> JobSubmission.submit(rest, jar, List.of(), Optional.empty()));
      assertTrue(
          e.getMessage().startsWith("the cluster refused the job: Could not execute"),
          e.getMessage());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void flinksStackTraceBecomesItsDeepestCause() {
    String error =
        "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\n"
            + "\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.lambda$handleRequest$1(JarRunHandler.java:114)\n"
            + "Caused by: java.util.concurrent.CompletionException: org.apache.flink.util.FlinkRuntimeException: x\n"
            + "\t... 2 more\n"
            + "Caused by: java.lang.IllegalStateException: Failed to rollback to checkpoint/savepoint"
            + " file:/d/chk-3. Cannot map checkpoint/savepoint state for operator abc to the new"
            + " program, because the operator is not available in the new program.\n"
            + "\tat org.apache.flink.runtime.checkpoint.Checkpoints.loadAndValidateCheckpoint(Checkpoints.java:185)\n";
    assertEquals(
        "java.lang.IllegalStateException: Failed to rollback to checkpoint/savepoint file:/d/chk-3."
            + " Cannot map checkpoint/savepoint state for operator abc to the new program, because"
            + " the operator is not available in the new program.",
        JobSubmission.deepestCause(error));
    assertEquals("no trace", JobSubmission.deepestCause("no trace"));
  }
}
