package org.asperity.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointTest {
  @TempDir Path root;

  @Test
  void theNewestCompletedCheckpointOfAnyJobIsChosen() throws IOException {
    checkpoint("job-a", 7, Instant.parse("2026-01-01T00:00:00Z"));
    checkpoint("job-b", 3, Instant.parse("2026-01-02T00:00:00Z"));
    // In progress when the process died: no metadata, never completed.
    Files.createDirectories(root.resolve("job-b/chk-4"));
    checkpoint("job-a", 2, Instant.parse("2025-12-31T00:00:00Z"));

    Optional<RetainedCheckpoint> newest = RetainedCheckpoint.newest(root);

    assertEquals(root.resolve("job-b/chk-3"), newest.orElseThrow().directory());
    assertEquals(3, newest.get().id());
    assertTrue(newest.get().pointer().startsWith("file:"));
  }

  @Test
  void noCheckpointIsNoneAndAMissingDirectoryIsAnError() throws IOException {
    Files.createDirectories(root.resolve("job/chk-1"));
    assertEquals(Optional.empty(), RetainedCheckpoint.newest(root));
    ClusterException missing =
        assertThrows(ClusterException.class, () -> RetainedCheckpoint.newest(root.resolve("nope")));
    assertEquals("no checkpoint directory " + root.resolve("nope"), missing.getMessage());
  }

  @Test
  void aCorruptNewestCheckpointIsReportedInOneLineAndKept() throws IOException {
    checkpoint("job", 1, Instant.parse("2026-01-01T00:00:00Z"));
    Path corrupt = root.resolve("job/chk-2/_metadata");
    Files.createDirectories(corrupt.getParent());
    Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    ClusterException e =
        assertThrows(ClusterException.class, () -> RetainedCheckpoint.newest(root));

    assertTrue(
        e.getMessage().startsWith("the newest retained checkpoint " + corrupt.getParent()),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("nothing was deleted"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    assertTrue(Files.exists(corrupt));
    assertTrue(Files.exists(root.resolve("job/chk-1/_metadata")));
  }

  /** A completed checkpoint as Flink writes it: its metadata in Flink's own format. */
  private void checkpoint(String job, long id, Instant written) throws IOException {
    Path dir = Files.createDirectories(root.resolve(job).resolve("chk-" + id));
    Path metadata = dir.resolve(RetainedCheckpoint.METADATA);
    try (OutputStream out = Files.newOutputStream(metadata)) {
      Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(id, List.of(), List.of()), out);
    }
    Files.setLastModifiedTime(metadata, FileTime.from(written));
  }
}
