package org.asperity.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The few calls of Flink's REST API (the one the web UI and {@code flink run} use) the launcher
 * needs: upload and run a jar, a job's state and checkpoints, cancel. Field names as in Flink's
 * REST API reference ({@code /jars/upload}, {@code /jars/:jarid/run}, {@code /jobs/:jobid}, {@code
 * /jobs/:jobid/checkpoints}, {@code /taskmanagers}).
 */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final String baseUrl;
  private final HttpClient http;

  public FlinkRest(String baseUrl) {
    this.baseUrl = baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A job as the cluster lists it. */
  public record Job(String id, String name, String state) {}

  /**
   * A job's checkpoints: how many completed, the newest one's path, and the checkpoint or savepoint
   * the job restored at its start (if any).
   */
  public record Checkpoints(
      long completed, Optional<String> latestPath, Optional<String> restoredPath) {}

  /**
   * The newest completed checkpoint of a job: its id and when its last acknowledgement arrived
   * (epoch ms, the JobManager's clock, on this machine the same as ours).
   */
  public record CompletedCheckpoint(long id, long acknowledgedAtMillis) {}

  /** Whether the REST endpoint answers at all (the JobManager is up). */
  public boolean answers() {
    try {
      return call(HttpRequest.newBuilder(uri("/overview")).GET()).isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /** The resource ids of the registered TaskManagers; none if the JobManager does not answer. */
  public List<String> taskManagerIds() {
    try {
      List<String> ids = new ArrayList<>();
      Optional<JsonNode> answer = call(HttpRequest.newBuilder(uri("/taskmanagers")).GET());
      answer.ifPresent(a -> a.path("taskmanagers").forEach(t -> ids.add(t.path("id").asText())));
      return ids;
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Uploads a jar; returns its id on the cluster. */
  public String uploadJar(Path jar) throws IOException {
    String boundary = "asperity-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(jar));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    JsonNode answer =
        require(
            HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
            "upload " + jar);
    String file = answer.path("filename").asText();
    return file.substring(file.lastIndexOf('/') + 1);
  }

  /**
   * Runs an uploaded jar's main class with {@code arguments}; returns the job id.
   *
   * @param restorePath a retained checkpoint or savepoint to restore, or null for a fresh start
   */
  public String runJar(String jarId, List<String> arguments, String restorePath)
      throws IOException {
    ObjectNode request = JSON.createObjectNode();
    arguments.forEach(request.putArray("programArgsList")::add);
    if (restorePath != null) {
      request.put("savepointPath", restorePath);
      request.put("allowNonRestoredState", false);
    }
    JsonNode answer =
        require(
            HttpRequest.newBuilder(uri("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))),
            "run the job");
    return answer.path("jobid").asText();
  }

  public List<Job> jobs() throws IOException {
    List<Job> jobs = new ArrayList<>();
    require(HttpRequest.newBuilder(uri("/jobs/overview")).GET(), "list the jobs")
        .path("jobs")
        .forEach(
            j ->
                jobs.add(
                    new Job(
                        j.path("jid").asText(),
                        j.path("name").asText(),
                        j.path("state").asText())));
    return jobs;
  }

  /** The job's state (RUNNING, FINISHED, ...), or empty if the cluster does not know it. */
  public Optional<String> jobState(String jobId) throws IOException {
    return call(HttpRequest.newBuilder(uri("/jobs/" + jobId)).GET())
        .map(j -> j.path("state").asText());
  }

  public Checkpoints checkpoints(String jobId) throws IOException {
    JsonNode answer =
        require(
            HttpRequest.newBuilder(uri("/jobs/" + jobId + "/checkpoints")).GET(), "checkpoints");
    JsonNode latest = answer.path("latest").path("completed");
    JsonNode restored = answer.path("latest").path("restored");
    return new Checkpoints(
        answer.path("counts").path("completed").asLong(),
        latest.isObject() ? Optional.of(latest.path("external_path").asText()) : Optional.empty(),
        restored.isObject()
            ? Optional.of(restored.path("external_path").asText())
            : Optional.empty());
  }

  /** The job's newest completed checkpoint, or empty if it has none (or is unknown). */
  public Optional<CompletedCheckpoint> latestCompletedCheckpoint(String jobId) throws IOException {
    return call(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/checkpoints")).GET())
        .map(a -> a.path("latest").path("completed"))
        .filter(JsonNode::isObject)
        .map(
            c ->
                new CompletedCheckpoint(
                    c.path("id").asLong(), c.path("latest_ack_timestamp").asLong()));
  }

  /**
   * How often the job has restarted (Flink's {@code numRestarts} metric): failovers of any cause, a
   * lost TaskManager among them. Empty if the job is unknown or the metric not yet reported.
   */
  public Optional<Long> restarts(String jobId) throws IOException {
    return call(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/metrics?get=numRestarts")).GET())
        .flatMap(
            a -> {
              for (JsonNode m : a) {
                if (m.path("id").asText().equals("numRestarts")) {
                  return Optional.of(m.path("value").asLong());
                }
              }
              return Optional.empty();
            });
  }

  /** The resource ids of the TaskManagers running the job's tasks. */
  public List<String> taskManagersOf(String jobId) throws IOException {
    List<String> ids = new ArrayList<>();
    JsonNode job = require(HttpRequest.newBuilder(uri("/jobs/" + jobId)).GET(), "job");
    for (JsonNode vertex : job.path("vertices")) {
      JsonNode tms =
          require(
              HttpRequest.newBuilder(
                      uri(
                          "/jobs/"
                              + jobId
                              + "/vertices/"
                              + vertex.path("id").asText()
                              + "/taskmanagers"))
                  .GET(),
              "task managers");
      tms.path("taskmanagers")
          .forEach(
              t -> {
                String id = t.path("taskmanager-id").asText();
                if (!ids.contains(id)) {
                  ids.add(id);
                }
              });
    }
    return ids;
  }

  /**
   * A completed checkpoint's statistics: the state it stands for, what it wrote (incremental
   * checkpoints write less), end to end, and the slowest subtask's snapshot and upload.
   */
  public record CheckpointStatistics(
      long id,
      long stateBytes,
      long checkpointedBytes,
      Duration endToEnd,
      Duration slowestSnapshotAndUpload) {}

  /**
   * The completed checkpoints in the job's checkpoint history (Flink keeps the newest {@code
   * web.checkpoints.history}, default 10), oldest first.
   */
  public List<CheckpointStatistics> completedCheckpoints(String jobId) throws IOException {
    JsonNode answer =
        require(
            HttpRequest.newBuilder(uri("/jobs/" + jobId + "/checkpoints")).GET(), "checkpoints");
    List<CheckpointStatistics> out = new ArrayList<>();
    for (JsonNode c : answer.path("history")) {
      if (!c.path("status").asText().equals("COMPLETED")) {
        continue;
      }
      long id = c.path("id").asLong();
      long persistMillis = 0;
      JsonNode details =
          require(
              HttpRequest.newBuilder(uri("/jobs/" + jobId + "/checkpoints/details/" + id)).GET(),
              "checkpoint " + id);
      var vertices = details.path("tasks").fieldNames();
      while (vertices.hasNext()) {
        JsonNode subtasks =
            require(
                HttpRequest.newBuilder(
                        uri(
                            "/jobs/"
                                + jobId
                                + "/checkpoints/details/"
                                + id
                                + "/subtasks/"
                                + vertices.next()))
                    .GET(),
                "checkpoint " + id + " subtasks");
        for (JsonNode subtask : subtasks.path("subtasks")) {
          JsonNode duration = subtask.path("checkpoint");
          persistMillis =
              Math.max(
                  persistMillis, duration.path("sync").asLong() + duration.path("async").asLong());
        }
      }
      out.add(
          new CheckpointStatistics(
              id,
              c.path("state_size").asLong(),
              c.path("checkpointed_size").asLong(),
              Duration.ofMillis(c.path("end_to_end_duration").asLong()),
              Duration.ofMillis(persistMillis)));
    }
    out.sort(java.util.Comparator.comparingLong(CheckpointStatistics::id));
    return out;
  }

  /** A JVM's heap: in use and its limit. */
  public record Heap(long usedBytes, long maxBytes) {}

  /**
   * A TaskManager's heap (its JVM metrics), or empty if it does not answer or has not reported them
   * yet.
   */
  public Optional<Heap> taskManagerHeap(String taskManagerId) throws IOException {
    String names = "Status.JVM.Memory.Heap.Used,Status.JVM.Memory.Heap.Max";
    return call(HttpRequest.newBuilder(
                uri("/taskmanagers/" + taskManagerId + "/metrics?get=" + names))
            .GET())
        .flatMap(
            a -> {
              long used = -1;
              long max = -1;
              for (JsonNode m : a) {
                switch (m.path("id").asText()) {
                  case "Status.JVM.Memory.Heap.Used" -> used = m.path("value").asLong();
                  case "Status.JVM.Memory.Heap.Max" -> max = m.path("value").asLong();
                  default -> {}
                }
              }
              return used < 0 || max < 0 ? Optional.empty() : Optional.of(new Heap(used, max));
            });
  }

  /**
   * The stack trace of the job's newest failure, or empty. Flink 2 reports failures only in the
   * exception history (newest first); the 1.x {@code root-exception} field is read as a fallback.
   */
  public Optional<String> rootException(String jobId) throws IOException {
    return call(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/exceptions?maxExceptions=1")).GET())
        .map(
            j -> {
              JsonNode entries = j.path("exceptionHistory").path("entries");
              if (entries.isArray() && !entries.isEmpty()) {
                return entries.get(0).path("stacktrace").asText(null);
              }
              return j.path("root-exception").asText(null);
            });
  }

  /** Cancels the job (its checkpoints are retained). */
  public void cancel(String jobId) throws IOException {
    call(
        HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()));
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private JsonNode require(HttpRequest.Builder request, String what) throws IOException {
    return call(request)
        .orElseThrow(
            () ->
                new IOException(
                    "cannot " + what + ": the Flink REST API at " + baseUrl + " does not answer"));
  }

  /** The answer's JSON, empty if nothing listens; a REST error becomes a one-line exception. */
  private Optional<JsonNode> call(HttpRequest.Builder request) throws IOException {
    HttpResponse<String> response;
    try {
      response =
          http.send(request.timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      if (e.getMessage() == null || e.getMessage().contains("Connection refused")) {
        return Optional.empty();
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    JsonNode body =
        response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() >= 400) {
      throw new RestException(response.statusCode(), firstError(body));
    }
    return Optional.of(body);
  }

  /** Flink answers errors as {"errors": [message, stack trace...]}: the message's first line. */
  private static String firstError(JsonNode body) {
    for (JsonNode e : body.path("errors")) {
      String text = e.asText();
      if (!text.isBlank()) {
        return text;
      }
    }
    return body.toString();
  }

  /** An error answer of the REST API. */
  public static final class RestException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    RestException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
