package org.asperity.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM exits when the launcher's end of its standard input closes, which the kernel does
 * when the launcher dies, SIGKILL included: here the pipe is closed by hand.
 */
class ParentWatchTest {
  @TempDir Path dir;

  /** A main that would run forever: it waits on a latch nothing counts down. */
  public static final class Forever {
    public static void main(String[] args) throws InterruptedException {
      new CountDownLatch(1).await();
    }
  }

  @Test
  void aChildExitsWhenItsParentsPipeCloses() throws Exception {
    Process child =
        ChildJvm.start(
            Forever.class.getName(), List.of("-Xmx32m"), List.of(), dir.resolve("c.log"));
    try {
      assertTrue(child.isAlive());
      child.getOutputStream().close();
      await("the child exits").atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
    } finally {
      child.destroyForcibly();
    }
  }
}
