package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad operations on {@code ./asperity cluster}: one line on stderr, a non-zero exit, no process
 * started and nothing on disk deleted.
 */
class ClusterCommandTest {
  @TempDir Path dir;

  @Test
  void aCorruptNewestCheckpointStopsTheLauncherBeforeAnythingStarts() throws Exception {
    Path data = dir.resolve("data");
    Path metadata = data.resolve("checkpoints/0123/chk-7/_metadata");
    Files.createDirectories(metadata.getParent());
    Files.write(metadata, new byte[] {0, 1, 2, 3});

    Run run = run("cluster", "--data-dir", data.toString(), "--job-jar", jar().toString());

    assertEquals(1, run.exit());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(
        run.err()
            .startsWith(
                "asperity cluster: the newest retained checkpoint "
                    + metadata.getParent()
                    + " is corrupt"),
        run.err());
    assertTrue(Files.exists(metadata));
    assertFalse(Files.exists(data.resolve("logs")), "no process was started");
  }

  @Test
  void aTakenPortIsOneLineWithTheFlagThatMovesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Run run =
          run(
              "cluster",
              "--data-dir",
              dir.resolve("data").toString(),
              "--job-jar",
              jar().toString(),
              "--flink-port",
              Integer.toString(taken.getLocalPort()));

      assertEquals(1, run.exit());
      assertEquals(
          "asperity cluster: port "
              + taken.getLocalPort()
              + " (the Flink REST API and web UI) is already taken: free it, or choose another"
              + " with --flink-port",
          run.err().strip());
    }
  }

  @Test
  void anUnknownStateBackendForTheJobIsOneLineBeforeAnythingStarts() throws Exception {
    Path data = dir.resolve("data");
    Run run =
        run(
            "cluster",
            "--data-dir",
            data.toString(),
            "--job-jar",
            jar().toString(),
            "--",
            "--state-backend",
            "memory");

    assertEquals(1, run.exit());
    assertEquals(
        "asperity cluster: job flag: Invalid value for option '--state-backend': unknown state"
            + " backend 'memory': hashmap or rocksdb",
        run.err().strip());
    assertFalse(Files.exists(data), "nothing was started or written");
  }

  @Test
  void aCheckpointOfTheOtherStateBackendIsOneLineBeforeAnythingStarts() throws Exception {
    Path data = dir.resolve("data");
    Path metadata = data.resolve("checkpoints/0123/chk-7/_metadata");
    Files.createDirectories(metadata.getParent());
    // Keyed state as RocksDB writes it incrementally.
    OperatorState operator = new OperatorState("station features", "x", new OperatorID(), 1, 128);
    operator.putState(
        0,
        OperatorSubtaskState.builder()
            .setManagedKeyedState(
                new IncrementalRemoteKeyedStateHandle(
                    UUID.randomUUID(),
                    KeyGroupRange.of(0, 127),
                    7,
                    List.of(),
                    List.of(),
                    new ByteStreamStateHandle("meta", new byte[] {1})))
            .build());
    try (OutputStream out = Files.newOutputStream(metadata)) {
      Checkpoints.storeCheckpointMetadata(
          new CheckpointMetadata(7, List.of(operator), List.of()), out);
    }

    Run run = run("cluster", "--data-dir", data.toString(), "--job-jar", jar().toString());

    assertEquals(1, run.exit());
    assertEquals(
        "asperity cluster: the newest retained checkpoint "
            + metadata.getParent()
            + " was written by the rocksdb state backend, which alone restores it: run the job with"
            + " -- --state-backend rocksdb, or start afresh with --no-resume; nothing was deleted",
        run.err().strip());
    assertTrue(Files.exists(metadata));
    assertFalse(Files.exists(data.resolve("logs")), "no process was started");
  }

  @Test
  void aMissingJobJarIsNamed() {
    Run run = run("cluster", "--data-dir", dir.toString(), "--job-jar", "nope.jar");
    assertEquals(1, run.exit());
    assertTrue(run.err().startsWith("asperity cluster: no job jar at nope.jar"), run.err());
  }

  private Path jar() throws Exception {
    return Files.write(dir.resolve("job.jar"), new byte[] {'P', 'K'});
  }

  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Asperity.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, err.toString());
  }

  /** The lines of a real Flink 2.2 trace of a restore that met the other station state layout. */
  @Test
  void aStateTheJobCannotReadIsTold() {
    String restore =
        String.join(
            "\n",
            "java.lang.RuntimeException: Error while getting state",
            "\tat org.apache.flink.runtime.state.DefaultKeyedStateStore.getState("
                + "DefaultKeyedStateStore.java:91)",
            "Caused by: org.apache.flink.util.StateMigrationException: The new state serializer"
                + " (org.asperity.job.features.StationStateSerializer@ca5dbf5f) must not be"
                + " incompatible with the old state serializer"
                + " (org.asperity.job.features.StationStateSerializer@d1f84e61).",
            "\t... 20 more");
    assertEquals(
        java.util.Optional.of(
            "org.apache.flink.util.StateMigrationException: The new state serializer"
                + " (org.asperity.job.features.StationStateSerializer@ca5dbf5f) must not be"
                + " incompatible with the old state serializer"
                + " (org.asperity.job.features.StationStateSerializer@d1f84e61)."),
        ClusterCommand.stateRefusal(restore));
    // A lost TaskManager is a failover the restart mends, not a refusal.
    assertEquals(
        java.util.Optional.empty(),
        ClusterCommand.stateRefusal(
            "org.apache.flink.runtime.jobmaster.JobMasterException: TaskManager with id"
                + " taskmanager-1 is no longer reachable."));
  }
}
