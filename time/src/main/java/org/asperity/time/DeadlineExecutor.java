package org.asperity.time;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed pool of daemon threads with a bounded queue whose tasks have a time limit: a task still
 * running past its deadline has its thread interrupted, which closes the socket channel it blocks
 * on. Made for the JDK's HTTP server, whose handler runs on the executor from reading the request
 * line to the last byte of the response: a client that sends its request slowly or reads the
 * response slowly holds a thread only until the deadline. When every thread is busy and the queue
 * is full, a task is refused with {@link RejectedExecutionException} (the JDK server then closes
 * the connection) and counted.
 *
 * <p>A task that polices its own time (a long-lived event stream) calls {@link #exemptCurrentTask}
 * once it has taken over.
 */
public final class DeadlineExecutor implements Executor, AutoCloseable {
  private static final ThreadLocal<Running> CURRENT = new ThreadLocal<>();

  private static final class Running {
    final Thread thread = Thread.currentThread();
    final long startedNanos;
    boolean exempt;
    boolean done;

    Running(long startedNanos) {
      this.startedNanos = startedNanos;
    }
  }

  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService watchdog;
  private final Duration deadline;
  private final Map<Running, Boolean> running = new ConcurrentHashMap<>();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();

  /**
   * @param name prefix of the threads' names
   * @param threads how many tasks run at once
   * @param queueCapacity how many wait for a thread, beyond which tasks are refused
   * @param deadline how long a task may run
   */
  public DeadlineExecutor(String name, int threads, int queueCapacity, Duration deadline) {
    if (threads < 1 || queueCapacity < 1 || deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException(
          "need threads >= 1, queue >= 1 and a positive deadline: "
              + threads
              + ", "
              + queueCapacity
              + ", "
              + deadline);
    }
    this.deadline = deadline;
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            daemonThreads(name),
            (task, executor) -> {
              rejected.incrementAndGet();
              throw new RejectedExecutionException(name + ": all threads busy and queue full");
            });
    this.watchdog = new ScheduledThreadPoolExecutor(1, daemonThreads(name + "-watchdog"));
    long checkMillis = Math.max(10, deadline.toMillis() / 4);
    watchdog.scheduleWithFixedDelay(
        this::interruptOverdue, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(() -> runWithDeadline(task));
  }

  private void runWithDeadline(Runnable task) {
    Running r = new Running(System.nanoTime());
    running.put(r, Boolean.TRUE);
    CURRENT.set(r);
    try {
      task.run();
    } finally {
      CURRENT.remove();
      synchronized (r) {
        r.done = true;
      }
      running.remove(r);
      // An interrupt meant for this task must not reach the next one on this thread.
      Thread.interrupted();
    }
  }

  /** Frees the calling task from the deadline: it ends itself in time. No-op off the pool. */
  public static void exemptCurrentTask() {
    Running r = CURRENT.get();
    if (r != null) {
      synchronized (r) {
        r.exempt = true;
      }
    }
  }

  private void interruptOverdue() {
    long now = System.nanoTime();
    for (Running r : running.keySet()) {
      synchronized (r) {
        if (!r.done && !r.exempt && now - r.startedNanos > deadline.toNanos()) {
          r.exempt = true; // interrupt once
          timedOut.incrementAndGet();
          r.thread.interrupt();
        }
      }
    }
  }

  /** Tasks refused because every thread was busy and the queue full. */
  public long rejected() {
    return rejected.get();
  }

  /** Tasks interrupted at their deadline. */
  public long timedOut() {
    return timedOut.get();
  }

  /** Interrupts every running task and ends the threads, waiting at most {@code wait}. */
  public boolean shutdown(Duration wait) throws InterruptedException {
    watchdog.shutdownNow();
    pool.shutdownNow();
    return pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      shutdown(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
