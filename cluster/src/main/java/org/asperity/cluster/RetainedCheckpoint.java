package org.asperity.cluster;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;

/**
 * A checkpoint Flink retained in a checkpoint directory: {@code DIR/JOB_ID/chk-N} holding a {@code
 * _metadata} file, which Flink writes last, so a {@code chk-N} without one was never completed.
 *
 * @param directory the {@code chk-N} directory, what {@code flink run -s} and the REST API's {@code
 *     savepointPath} take
 * @param id N
 * @param written when its metadata was written
 */
public record RetainedCheckpoint(Path directory, long id, FileTime written) {
  static final String METADATA = "_metadata";
  private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

  /** The path to restore from, as Flink takes it. */
  public String pointer() {
    return directory.toUri().toString();
  }

  /**
   * The newest completed checkpoint under {@code root} (by the time its metadata was written, then
   * by its number), after checking that Flink can read its metadata; empty if there is none.
   *
   * @throws ClusterException the directory is missing, or the newest checkpoint cannot be read
   *     (nothing is deleted: moving it aside resumes from the one before)
   */
  public static Optional<RetainedCheckpoint> newest(Path root) {
    if (!Files.isDirectory(root)) {
      throw new ClusterException("no checkpoint directory " + root);
    }
    List<RetainedCheckpoint> found = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(root, 2)) {
      for (Path dir : paths.filter(Files::isDirectory).toList()) {
        Matcher m = CHECKPOINT.matcher(dir.getFileName().toString());
        Path metadata = dir.resolve(METADATA);
        if (m.matches() && Files.isRegularFile(metadata)) {
          found.add(
              new RetainedCheckpoint(
                  dir, Long.parseLong(m.group(1)), Files.getLastModifiedTime(metadata)));
        }
      }
    } catch (IOException e) {
      throw new ClusterException("cannot read the checkpoint directory " + root + ": " + e, e);
    }
    Optional<RetainedCheckpoint> newest =
        found.stream()
            .max(
                Comparator.comparing(RetainedCheckpoint::written)
                    .thenComparingLong(RetainedCheckpoint::id));
    newest.ifPresent(RetainedCheckpoint::requireReadable);
    return newest;
  }

  /**
   * The state backend that wrote its keyed state, as the job writes checkpoints: {@link
   * ClusterSettings#ROCKSDB} incrementally (RocksDB's own files), {@link ClusterSettings#HASHMAP}
   * in full snapshots; empty if it holds no keyed state. Neither restores the other's checkpoints
   * (Flink's restore fails, and the job restarts on it forever).
   */
  public Optional<String> stateBackend() {
    boolean keyed = false;
    for (OperatorState operator : metadata().getOperatorStates()) {
      for (OperatorSubtaskState subtask : operator.getStates()) {
        for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
          if (handle instanceof IncrementalKeyedStateHandle) {
            return Optional.of(ClusterSettings.ROCKSDB);
          }
          keyed = true;
        }
      }
    }
    return keyed ? Optional.of(ClusterSettings.HASHMAP) : Optional.empty();
  }

  private void requireReadable() {
    metadata();
  }

  private CheckpointMetadata metadata() {
    Path metadata = directory.resolve(METADATA);
    try (InputStream in = Files.newInputStream(metadata)) {
      return Checkpoints.loadCheckpointMetadata(
          new DataInputStream(in), RetainedCheckpoint.class.getClassLoader(), pointer());
    } catch (IOException | RuntimeException e) {
      throw new ClusterException(
          "the newest retained checkpoint "
              + directory
              + " is corrupt ("
              + oneLine(e)
              + "): move it aside to resume from the one before, or start afresh with --no-resume;"
              + " nothing was deleted",
          e);
    }
  }

  static String oneLine(Throwable e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
