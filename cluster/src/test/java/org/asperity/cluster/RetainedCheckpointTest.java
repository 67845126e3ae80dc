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
import java.util.UUID;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeOffsets;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
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

  @Test
  void theStateBackendOfACheckpointIsToldByItsKeyedState() throws IOException {
    KeyGroupRange groups = KeyGroupRange.of(0, 127);
    StreamStateHandle bytes = new ByteStreamStateHandle("state", new byte[] {1});
    checkpoint(
        "heap",
        1,
        Instant.parse("2026-01-01T00:00:00Z"),
        new KeyGroupsStateHandle(new KeyGroupRangeOffsets(groups), bytes));
    checkpoint(
        "rocksdb",
        1,
        Instant.parse("2026-01-02T00:00:00Z"),
        new IncrementalRemoteKeyedStateHandle(
            UUID.randomUUID(), groups, 1, List.of(), List.of(), bytes));

    checkpoint("none", 1, Instant.parse("2026-01-03T00:00:00Z"));

    assertEquals(
        Optional.of("rocksdb"),
        RetainedCheckpoint.newest(root.resolve("rocksdb")).orElseThrow().stateBackend());
    assertEquals(
        Optional.of("hashmap"),
        RetainedCheckpoint.newest(root.resolve("heap")).orElseThrow().stateBackend());
    assertEquals(
        Optional.empty(),
        RetainedCheckpoint.newest(root.resolve("none")).orElseThrow().stateBackend());
  }

  /** A completed checkpoint as Flink writes it: its metadata in Flink's own format. */
  private void checkpoint(String job, long id, Instant written) throws IOException {
    checkpoint(job, id, written, null);
  }

  /** As above, with one keyed operator whose one subtask holds {@code keyed} (if not null). */
  private void checkpoint(String job, long id, Instant written, KeyedStateHandle keyed)
      throws IOException {
    Path dir = Files.createDirectories(root.resolve(job).resolve("chk-" + id));
    Path metadata = dir.resolve(RetainedCheckpoint.METADATA);
    List<OperatorState> operators = List.of();
    if (keyed != null) {
      OperatorState operator = new OperatorState("station features", "x", new OperatorID(), 1, 128);
      operator.putState(0, OperatorSubtaskState.builder().setManagedKeyedState(keyed).build());
      operators = List.of(operator);
    }
    try (OutputStream out = Files.newOutputStream(metadata)) {
      Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(id, operators, List.of()), out);
    }
    Files.setLastModifiedTime(metadata, FileTime.from(written));
  }
}
