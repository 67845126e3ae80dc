package org.asperity.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad operations: told in one line, before any process starts, and nothing on disk deleted. */
class LocalClusterTest {
  @TempDir Path dir;

  @Test
  void aTakenPortIsNamedWithTheFlagThatMovesIt() throws IOException {
    Path kept = Files.writeString(dir.resolve("kept.txt"), "data");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ClusterSettings settings = withRestPort(taken.getLocalPort());

      ClusterException e = assertThrows(ClusterException.class, () -> LocalCluster.start(settings));

      assertEquals(
          "port "
              + taken.getLocalPort()
              + " (the Flink REST API and web UI) is already taken: free it, or choose another"
              + " with --flink-port",
          e.getMessage());
    }
    assertEquals("data", Files.readString(kept));
    try (Stream<Path> logs = Files.list(dir)) {
      assertEquals(0, logs.filter(p -> p.getFileName().toString().equals("logs")).count());
    }
  }

  @Test
  void aDataDirectoryInUseIsRefused() throws IOException {
    try (FileChannel channel =
            FileChannel.open(
                dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      ClusterException e =
          assertThrows(ClusterException.class, () -> LocalCluster.start(withRestPort(1)));
      assertEquals(
          "another cluster runs on the data directory "
              + dir.toAbsolutePath().normalize()
              + ": stop it, or choose another --data-dir",
          e.getMessage());
    }
  }

  private ClusterSettings withRestPort(int port) {
    ClusterSettings d = ClusterSettings.defaults(dir);
    return new ClusterSettings(
        d.dataDirectory(),
        d.taskManagers(),
        d.slotsPerTaskManager(),
        port,
        d.rpcPort(),
        d.kafkaPort(),
        d.taskManagerMemory(),
        d.jobManagerMemory());
  }
}
