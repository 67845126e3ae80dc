package org.asperity.bench.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** Small tools the benchmarks share: a heap sampler, checkpoint sizes, number formatting. */
final class BenchmarkSupport {
  private BenchmarkSupport() {}

  /**
   * Samples the JVM's used heap every 50 ms on a daemon thread; {@link #peakBytes()} is the largest
   * seen.
   */
  static final class HeapSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler() {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      thread =
          new Thread(
              () -> {
                while (running) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "asperity-bench-heap");
      thread.setDaemon(true);
      thread.start();
    }

    long peakBytes() {
      return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join();
    }
  }

  /**
   * Watches a checkpoint directory; {@link #largestBytes()} is the largest completed checkpoint
   * seen.
   */
  static final class CheckpointSizes implements AutoCloseable {
    private final AtomicLong largest = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    CheckpointSizes(Path directory) {
      thread =
          new Thread(
              () -> {
                while (running) {
                  largest.accumulateAndGet(largestCompleted(directory), Math::max);
                  try {
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "asperity-bench-checkpoints");
      thread.setDaemon(true);
      thread.start();
    }

    long largestBytes() {
      return largest.get();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join();
    }

    /**
     * Size of the largest {@code chk-N} directory holding a {@code _metadata} file (a completed
     * checkpoint).
     */
    private static long largestCompleted(Path root) {
      long best = 0;
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path metadata :
            walk.filter(p -> p.getFileName().toString().equals("_metadata")).toList()) {
          best = Math.max(best, size(metadata.getParent()));
        }
      } catch (IOException | UncheckedIOException e) {
        // a checkpoint disappeared while we looked: the next look sees the newer one
      }
      return best;
    }

    private static long size(Path dir) {
      try (Stream<Path> files = Files.walk(dir)) {
        return files
            .filter(Files::isRegularFile)
            .mapToLong(
                p -> {
                  try {
                    return Files.size(p);
                  } catch (IOException e) {
                    return 0;
                  }
                })
            .sum();
      } catch (IOException | UncheckedIOException e) {
        return 0;
      }
    }
  }

  static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String count(double n) {
    return String.format(Locale.ROOT, "%,.0f", n);
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  static String kib(double bytes) {
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }
}
