package org.asperity.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A long-running service (a bus bridge, an ingest) run in the foreground of a command until it ends
 * by itself or Ctrl-C stops it: the shutdown hook asks it to stop and waits, up to a grace period,
 * for its run to return, so the summary is printed and its consumers and producers close cleanly.
 */
final class ForegroundService {
  /** How long Ctrl-C waits for the service to finish. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

  private ForegroundService() {}

  /** Prints each status line the service reports, flushed at once. */
  static Consumer<String> printer(PrintWriter out) {
    return line -> {
      out.println(line);
      out.flush();
    };
  }

  /**
   * Runs {@code run} (which returns the service's one-line summary) until it returns, with {@code
   * stop} registered for Ctrl-C; prints "stopped: " and the summary.
   *
   * @param threadName the shutdown hook's thread
   * @return the command's exit code, 0
   */
  static int run(String threadName, Runnable stop, Supplier<String> run, PrintWriter out) {
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.run();
              try {
                finished.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            threadName);
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      String summary = run.get();
      out.println("stopped: " + summary);
      out.flush();
      return 0;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and sees 'finished'.
      }
    }
  }
}
