package org.asperity.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.asperity.time.DeadlineExecutor;

/**
 * Server-sent events to the open pages ({@code text/event-stream}): each page first gets an {@code
 * event: snapshot} with the whole state, then an {@code event: update} with what changed, at most
 * once per tick (4 a second by default), and a comment line as heartbeat when nothing else was sent
 * for a while. Every document is one {@code data:} line of JSON.
 *
 * <p>Each page is served by its own HTTP handler thread, which waits on that page's small queue; a
 * write failing (the page went away) ends the handler and frees the thread. The feed only ever
 * queues, never writes, so a page that does not read cannot hold up the others: a page whose queue
 * overflows ({@value #QUEUE_CAPACITY} messages unsent) or whose write blocks longer than the write
 * timeout is evicted (its connection closed, counted); its browser reconnects and starts over from
 * a snapshot. The number of pages is capped so that the handler pool always has threads left for
 * the static files and the JSON endpoint; a page beyond the cap is answered 503 and counted.
 */
final class UpdateStream implements AutoCloseable {
  static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

  /** Browsers retry a lost stream after this long (EventSource reconnects by itself). */
  static final Duration RETRY = Duration.ofSeconds(2);

  /** Even with nothing new, an update this often keeps rates (which decay with time) current. */
  static final Duration MAX_QUIET = Duration.ofSeconds(2);

  static final int QUEUE_CAPACITY = 16;
  private static final String CLOSE = "";

  private static final class Client {
    final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    final AtomicBoolean needsSnapshot = new AtomicBoolean(true);
    final AtomicBoolean dropped = new AtomicBoolean();

    /** The handler thread while it serves this page; null before and after. */
    private Thread writer;

    /** When the write under way began ({@link System#nanoTime}), 0 when none is. */
    private volatile long writeStartedNanos;

    /** Queues a message; whether it fit (a page that cannot keep up does not get it). */
    boolean offer(String message) {
      return dropped.get() || queue.offer(message);
    }

    /** Ends this page's stream once its handler has written what it is writing. */
    void drop() {
      if (dropped.compareAndSet(false, true)) {
        queue.clear();
        queue.offer(CLOSE);
      }
    }

    /**
     * Ends this page's stream now: interrupting the handler closes the connection even in the
     * middle of a blocked write.
     */
    synchronized void evict() {
      drop();
      if (writer != null) {
        writer.interrupt();
      }
    }

    synchronized void attach() {
      writer = Thread.currentThread();
    }

    synchronized void detach() {
      writer = null;
      // An eviction's interrupt must not outlive this page on the pooled thread.
      Thread.interrupted();
    }

    boolean writeBlockedSince(long nowNanos, Duration timeout) {
      long started = writeStartedNanos;
      return started != 0 && nowNanos - started > timeout.toNanos();
    }
  }

  private final LiveModel model;
  private final Duration heartbeat;
  private final int maxClients;
  private final Duration writeTimeout;
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();

  /** Notified whenever a page leaves, for {@link #awaitNoClients}. */
  private final Object clientLeft = new Object();

  private final Object tickLock = new Object();
  private volatile boolean closed;
  private long sentSeq;
  private long sentChanges = -1;
  private long lastSentNanos = System.nanoTime();

  /**
   * @param maxClients pages served at once; more are answered 503
   * @param writeTimeout how long one write to a page may block before the page is evicted
   */
  UpdateStream(LiveModel model, Duration heartbeat, int maxClients, Duration writeTimeout) {
    if (maxClients < 1) {
      throw new IllegalArgumentException("at least one page must be served: " + maxClients);
    }
    this.model = model;
    this.heartbeat = heartbeat;
    this.maxClients = maxClients;
    this.writeTimeout = writeTimeout;
  }

  /** Pages turned away because {@code maxClients} were connected. */
  long refusedCount() {
    return refused.get();
  }

  /** Pages evicted for not reading fast enough. */
  long evictedCount() {
    return evicted.get();
  }

  /** Pages connected now. */
  int clientCount() {
    return clients.size();
  }

  /**
   * Serves one page until it goes away or the stream closes; runs on the page's handler thread.
   * Answers 503 when {@code maxClients} pages are connected already.
   */
  void serve(HttpExchange exchange) throws IOException {
    Client client = new Client();
    if (!admit(client)) {
      refused.incrementAndGet();
      exchange.getResponseHeaders().set("Retry-After", "30");
      HttpResponses.text(
          exchange,
          503,
          "too many live pages open ("
              + maxClients
              + ", --max-page-clients); close one and reload");
      return;
    }
    client.attach();
    // A stream lasts as long as the page is open; its writes have their own timeout.
    DeadlineExecutor.exemptCurrentTask();
    try {
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      // Tells buffering reverse proxies (nginx) to pass events through as they come.
      exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
      client.writeStartedNanos = System.nanoTime();
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      write(out, "retry: " + RETRY.toMillis() + "\n\n");
      client.writeStartedNanos = 0;
      while (!closed) {
        String message = client.queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (message != null && message.isEmpty()) { // CLOSE: real messages are never empty
          break;
        }
        client.writeStartedNanos = System.nanoTime();
        write(out, message == null ? ": heartbeat\n\n" : message);
        client.writeStartedNanos = 0;
      }
    } catch (IOException e) {
      // The page went away: nothing to report.
    } catch (InterruptedException e) {
      // Evicted while waiting, or the server stops: either way this page's stream ends.
    } finally {
      clients.remove(client);
      client.dropped.set(true);
      client.detach();
      exchange.close();
      synchronized (clientLeft) {
        clientLeft.notifyAll();
      }
    }
  }

  /** Takes the page on unless the cap is reached (checked and taken at once: never over it). */
  private boolean admit(Client client) {
    synchronized (clients) {
      if (closed || clients.size() >= maxClients) {
        return false;
      }
      clients.add(client);
      return true;
    }
  }

  /** Waits until no page is connected, at most {@code timeout}; whether none is. */
  boolean awaitNoClients(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (clientLeft) {
      while (!clients.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(clientLeft, left);
      }
      return true;
    }
  }

  /**
   * Sends what changed since the last tick to the pages that have their snapshot, and a snapshot of
   * the same instant to the pages that just connected. Called periodically on one thread.
   */
  void tick() {
    synchronized (tickLock) {
      long now = System.nanoTime();
      for (Client c : clients) {
        if (c.writeBlockedSince(now, writeTimeout)) {
          evict(c);
        }
      }
      if (clients.isEmpty()) {
        long[] position = model.position();
        sentSeq = position[0];
        sentChanges = position[1];
        return;
      }
      List<Client> newcomers = clients.stream().filter(c -> c.needsSnapshot.get()).toList();
      long[] position = model.position();
      boolean quietTooLong = System.nanoTime() - lastSentNanos >= MAX_QUIET.toNanos();
      if (newcomers.isEmpty() && position[1] == sentChanges && !quietTooLong) {
        return;
      }
      LiveModel.Rendering r = model.render(sentSeq, !newcomers.isEmpty());
      String update = event("update", r.update());
      for (Client c : clients) {
        if (!c.needsSnapshot.get() && !c.offer(update)) {
          evict(c);
        }
      }
      if (r.snapshot() != null) {
        String snapshot = event("snapshot", r.snapshot());
        for (Client c : newcomers) {
          if (!c.offer(snapshot)) {
            evict(c);
          }
          c.needsSnapshot.set(false);
        }
      }
      sentSeq = r.seq();
      sentChanges = r.changes();
      lastSentNanos = System.nanoTime();
    }
  }

  private void evict(Client c) {
    if (!c.dropped.get()) {
      evicted.incrementAndGet();
    }
    c.evict();
  }

  /** One event in the stream's wire format; {@code json} must be a single line (PageJson's are). */
  static String event(String name, String json) {
    return "event: " + name + "\ndata: " + json + "\n\n";
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Ends every page's stream (their handler threads return). */
  @Override
  public void close() {
    closed = true;
    for (Client c : clients) {
      c.drop();
    }
  }
}
