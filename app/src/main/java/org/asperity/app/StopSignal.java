package org.asperity.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a long-running command cleanly on Ctrl-C (SIGINT/SIGTERM) or after a duration. The shutdown
 * hook only asks the command to stop, then waits for it to finish closing its components, so the
 * broker's directories, ports and threads are released before the JVM exits.
 */
final class StopSignal implements AutoCloseable {
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean interrupted;

  StopSignal() {
    hook =
        new Thread(
            () -> {
              interrupted = true;
              stopRequested.countDown();
              try {
                closed.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "asperity-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Asks the command to stop (e.g. a component failed). */
  void requestStop() {
    stopRequested.countDown();
  }

  /** Waits until stop is requested or {@code duration} (null = forever) passes. */
  void await(Duration duration) throws InterruptedException {
    if (duration == null) {
      stopRequested.await();
    } else {
      stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  boolean stopRequested() {
    return stopRequested.getCount() == 0;
  }

  /** True when the stop came from Ctrl-C or a kill signal. */
  boolean byUser() {
    return interrupted;
  }

  /** Call when every component is closed: releases the shutdown hook. */
  @Override
  public void close() {
    closed.countDown();
    if (!interrupted) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting; the hook will see 'closed' and return at once
      }
    }
  }
}
