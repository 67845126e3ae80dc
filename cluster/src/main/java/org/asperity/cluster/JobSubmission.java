package org.asperity.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Submits the job jar to the cluster over REST, as {@code flink run [-s CHECKPOINT]} would: upload,
 * then run its main class with the job's flags, restoring a retained checkpoint if given.
 */
public final class JobSubmission {
  private static final int SERVICE_UNAVAILABLE = 503;

  private JobSubmission() {}

  /**
   * Uploads {@code jobJar} and runs it; returns the job id.
   *
   * @throws ClusterException the cluster refused the job, e.g. its state does not fit the
   *     checkpoint (a jar of another version): one line with Flink's reason, nothing deleted
   * @throws IOException the cluster could not be reached or is not ready yet (503): try again
   */
  public static String submit(
      FlinkRest rest, Path jobJar, List<String> jobArguments, Optional<RetainedCheckpoint> from)
      throws IOException {
    String jarId = rest.uploadJar(jobJar);
    try {
      return rest.runJar(jarId, jobArguments, from.map(RetainedCheckpoint::pointer).orElse(null));
    } catch (FlinkRest.RestException e) {
      if (e.status() == SERVICE_UNAVAILABLE) {
        throw e; // a JobManager still starting: worth another try, not a verdict on the job
      }
      String reason = deepestCause(e.getMessage());
      throw new ClusterException(
          from.map(
                  c ->
                      "the job cannot restore the checkpoint "
                          + c.directory()
                          + " ("
                          + reason
                          + "): was it written by another version of the job? Start afresh with"
                          + " --no-resume (a new data directory) or run the version that wrote it;"
                          + " nothing was deleted")
              .orElse("the cluster refused the job: " + reason),
          e);
    }
  }

  /** Flink's error text is a stack trace: its last "Caused by:" line, or its first line. */
  static String deepestCause(String text) {
    String reason = null;
    for (String line : text.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("Caused by: ")) {
        reason = trimmed.substring("Caused by: ".length());
      }
    }
    if (reason == null) {
      reason = text.split("\n", 2)[0];
    }
    return reason;
  }
}
