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

/**
 * Server-sent events to the open pages ({@code text/event-stream}): each page first gets an {@code
 * event: snapshot} with the whole state, then an {@code event: update} with what changed, at most
 * once per tick (4 a second by default), and a comment line as heartbeat when nothing else was sent
 * for a while. Every document is one {@code data:} line of JSON.
 *
 * <p>Each page is served by its own HTTP handler thread, which waits on that page's small queue; a
 * write failing (the page went away) ends the handler and frees the thread. A page whose queue
 * overflows (it does not read fast enough) is dropped too: its browser reconnects and starts over
 * from a snapshot. The number of pages is capped so that the handler pool always has threads left
 * for the static files and the JSON endpoint.
 */
final class UpdateStream implements AutoCloseable {
  static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

  /** Browsers retry a lost stream after this long (EventSource reconnects by itself). */
  static final Duration RETRY = Duration.ofSeconds(2);

  /** Even with nothing new, an update this often keeps rates (which decay with time) current. */
  static final Duration MAX_QUIET = Duration.ofSeconds(2);

  private static final int QUEUE_CAPACITY = 16;
  private static final String CLOSE = "";

  private static final class Client {
    final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    final AtomicBoolean needsSnapshot = new AtomicBoolean(true);
    final AtomicBoolean dropped = new AtomicBoolean();

    /** Queues a message; a client that cannot keep up is dropped (it will reconnect). */
    void offer(String message) {
      if (!dropped.get() && !queue.offer(message)) {
        drop();
      }
    }

    void drop() {
      if (dropped.compareAndSet(false, true)) {
        queue.clear();
        queue.offer(CLOSE);
      }
    }
  }

  private final LiveModel model;
  private final Duration heartbeat;
  private final int maxClients;
  private final List<Client> clients = new CopyOnWriteArrayList<>();

  /** Notified whenever a page leaves, for {@link #awaitNoClients}. */
  private final Object clientLeft = new Object();

  private final Object tickLock = new Object();
  private volatile boolean closed;
  private long sentSeq;
  private long sentChanges = -1;
  private long lastSentNanos = System.nanoTime();

  UpdateStream(LiveModel model, Duration heartbeat, int maxClients) {
    this.model = model;
    this.heartbeat = heartbeat;
    this.maxClients = maxClients;
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
    if (closed || clients.size() >= maxClients) {
      HttpResponses.text(
          exchange, 503, "too many live pages open (" + maxClients + "); close one and reload");
      return;
    }
    Client client = new Client();
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    // Tells buffering reverse proxies (nginx) to pass events through as they come.
    exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
    exchange.sendResponseHeaders(200, 0);
    clients.add(client);
    try (OutputStream out = exchange.getResponseBody()) {
      write(out, "retry: " + RETRY.toMillis() + "\n\n");
      while (!closed) {
        String message = client.queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (message != null && message.isEmpty()) { // CLOSE: real messages are never empty
          break;
        }
        write(out, message == null ? ": heartbeat\n\n" : message);
      }
    } catch (IOException e) {
      // The page went away: nothing to report.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clients.remove(client);
      client.dropped.set(true);
      exchange.close();
      synchronized (clientLeft) {
        clientLeft.notifyAll();
      }
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
        if (!c.needsSnapshot.get()) {
          c.offer(update);
        }
      }
      if (r.snapshot() != null) {
        String snapshot = event("snapshot", r.snapshot());
        for (Client c : newcomers) {
          c.offer(snapshot);
          c.needsSnapshot.set(false);
        }
      }
      sentSeq = r.seq();
      sentChanges = r.changes();
      lastSentNanos = System.nanoTime();
    }
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
