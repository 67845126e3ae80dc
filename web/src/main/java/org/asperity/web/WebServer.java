package org.asperity.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;
import org.asperity.schemas.published.PublishedSchemas;
import org.asperity.time.DeadlineExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live web page: a read-only HTTP server (the JDK's own, no framework) that serves the page's
 * files from the jar, the current state as JSON, and live updates as server-sent events, fed by one
 * Kafka consumer thread. Bound to 127.0.0.1 unless told otherwise.
 *
 * <ul>
 *   <li>{@code GET /} the page ({@code index.html}, {@code app.js}, {@code style.css});
 *   <li>{@code GET /api/snapshot} the whole state as JSON: geometry, stations and their recent
 *       velocities, forecast history per region, latest forecasts, alerts, earthquakes, pipeline;
 *   <li>{@code GET /api/updates} {@code text/event-stream}: a snapshot, then updates at most 4 a
 *       second, heartbeats when quiet;
 *   <li>{@code GET /schemas/} an index (JSON) of the schemas a consumer in another language needs,
 *       each at {@code /schemas/<path>}: Avro ({@code avro/<Record>.avsc}, released versions {@code
 *       avro/<Record>.v<N>.avsc}), the CAP 1.2 XML schema ({@code cap/CAP-v1.2.xsd}) and JSON
 *       Schemas ({@code json/<name>}).
 * </ul>
 *
 * Only GET and HEAD are answered (405 otherwise).
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  /** Where the Flink job's Prometheus endpoint is by default. */
  public static final URI DEFAULT_METRICS_URL = URI.create("http://127.0.0.1:9250/metrics");

  static final Duration TICK = Duration.ofMillis(250);
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  static final Duration METRICS_EVERY = Duration.ofSeconds(5);

  /** Live pages (update streams) served at once by default ({@code --max-page-clients}). */
  public static final int DEFAULT_MAX_PAGE_CLIENTS = 32;

  /** Threads beyond one per live page, for the files, the snapshot and refusals. */
  static final int SPARE_THREADS = 8;

  /** Requests waiting for a thread, beyond which connections are closed unanswered. */
  static final int REQUEST_QUEUE = 64;

  /**
   * From the first byte of a request to the last of its response (update streams excepted): the
   * page's largest answer, the snapshot, takes milliseconds; only a client that sends or reads
   * slowly reaches it.
   */
  static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);

  /** A page whose write blocks this long is not reading: it is evicted. */
  static final Duration PAGE_WRITE_TIMEOUT = Duration.ofSeconds(5);

  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);

  /** Content-Security-Policy: everything from this server only, nothing inline, no frames. */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final String bindAddress;
  private final int port;
  private final LiveModel model;
  private final TopicFeed feed;
  private final Optional<URI> metricsUrl;
  private final Duration heartbeat;
  private final LongSupplier clockMillis;
  private final StaticAssets assets = new StaticAssets("/web/");
  private final SchemaFiles schemas = new SchemaFiles(PublishedSchemas.all());
  private int maxPageClients = DEFAULT_MAX_PAGE_CLIENTS;
  private Duration pageWriteTimeout = PAGE_WRITE_TIMEOUT;
  private HttpServer server;
  private DeadlineExecutor handlers;
  private ScheduledExecutorService scheduler;
  private UpdateStream stream;
  private boolean loopbackOnly;
  private URI url;

  /**
   * A server reading the topics with these Kafka settings; {@link #start()} binds it.
   *
   * @param kafka how to reach Kafka
   * @param topics the topic names
   * @param bindAddress address to listen on: {@value #DEFAULT_BIND_ADDRESS} keeps the page on this
   *     machine; {@code 0.0.0.0} opens it to the network
   * @param port TCP port ({@value #DEFAULT_PORT} by default), 0 for any free port
   * @param geometry the fault and stations to draw (from {@link FaultGeometryView#of}); without it
   *     stations are placed by the coordinates in their observations
   * @param metricsUrl the job's Prometheus endpoint (latency quantiles), if any
   */
  public WebServer(
      KafkaClientSettings kafka,
      TopicNames topics,
      String bindAddress,
      int port,
      Optional<FaultGeometryView> geometry,
      Optional<URI> metricsUrl) {
    this(
        bindAddress,
        port,
        new LiveModel(geometry.orElse(null), System::currentTimeMillis),
        kafka,
        topics,
        metricsUrl,
        HEARTBEAT,
        System::currentTimeMillis);
  }

  /** The server on a given model, with Kafka or without (tests feed the model themselves). */
  WebServer(
      String bindAddress,
      int port,
      LiveModel model,
      KafkaClientSettings kafka,
      TopicNames topics,
      Optional<URI> metricsUrl,
      Duration heartbeat,
      LongSupplier clockMillis) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    }
    this.bindAddress = bindAddress;
    this.port = port;
    this.model = model;
    this.feed = kafka == null ? null : new TopicFeed(kafka, topics, model);
    this.metricsUrl = metricsUrl;
    this.heartbeat = heartbeat;
    this.clockMillis = clockMillis;
  }

  /**
   * How many live pages are served at once (default {@value #DEFAULT_MAX_PAGE_CLIENTS}); one more
   * is answered 503. Each takes a thread while it is open.
   */
  public WebServer maxPageClients(int pages) {
    if (pages < 1) {
      throw new IllegalArgumentException("--max-page-clients must be at least 1: " + pages);
    }
    this.maxPageClients = pages;
    return this;
  }

  /** How long one write to a live page may block before the page is evicted (tests shorten it). */
  WebServer pageWriteTimeout(Duration timeout) {
    this.pageWriteTimeout = timeout;
    return this;
  }

  /**
   * Binds the port, starts reading Kafka and serving.
   *
   * @throws IOException when the address cannot be bound (e.g. the port is taken: the message says
   *     so)
   */
  public WebServer start() throws IOException {
    InetAddress address = InetAddress.getByName(bindAddress);
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 64);
    } catch (BindException e) {
      closeFeed();
      throw new BindException(
          "cannot serve the web page on "
              + bindAddress
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "): is another program using the port? Choose another port.");
    }
    loopbackOnly = address.isLoopbackAddress();
    stream = new UpdateStream(model, heartbeat, maxPageClients, pageWriteTimeout);
    // One thread per live page plus a few for files, snapshots and refusals, so that open pages
    // never starve the rest. Idle keep-alive connections hold no thread (the JDK server closes
    // them after sun.net.httpserver.idleInterval, 30 s); a request holds one until its deadline.
    handlers =
        new DeadlineExecutor(
            "asperity-web-http", maxPageClients + SPARE_THREADS, REQUEST_QUEUE, REQUEST_DEADLINE);
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    scheduler =
        new ScheduledThreadPoolExecutor(
            metricsUrl.isPresent() ? 2 : 1, daemonThreads("asperity-web-updates"));
    try {
      if (feed != null) {
        feed.start(KAFKA_TIMEOUT);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    scheduler.scheduleWithFixedDelay(
        guarded("update stream", stream::tick),
        TICK.toMillis(),
        TICK.toMillis(),
        TimeUnit.MILLISECONDS);
    metricsUrl.ifPresent(
        u ->
            scheduler.scheduleWithFixedDelay(
                guarded("metrics scrape", new MetricsScraper(u, model, clockMillis)),
                0,
                METRICS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS));
    server.start();
    InetSocketAddress bound = server.getAddress();
    String host =
        bound.getAddress().isAnyLocalAddress()
            ? "localhost"
            : bound.getAddress() instanceof Inet6Address
                ? "[" + bound.getAddress().getHostAddress() + "]"
                : bound.getAddress().getHostAddress();
    url = URI.create("http://" + host + ":" + bound.getPort() + "/");
    return this;
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8080/} (the actual port when 0 was asked). */
  public URI url() {
    if (url == null) {
      throw new IllegalStateException("not started");
    }
    return url;
  }

  /** Pages connected to the update stream now. */
  int livePages() {
    return stream == null ? 0 : stream.clientCount();
  }

  /**
   * What the server turned away so far: live pages beyond the cap, pages evicted for not reading,
   * connections closed because every thread was busy, requests cut off at their deadline.
   */
  public record Refusals(
      long pagesRefused, long pagesEvicted, long requestsRejected, long requestsTimedOut) {}

  /** What the server turned away so far. */
  public Refusals refusals() {
    return new Refusals(
        stream == null ? 0 : stream.refusedCount(),
        stream == null ? 0 : stream.evictedCount(),
        handlers == null ? 0 : handlers.rejected(),
        handlers == null ? 0 : handlers.timedOut());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        HttpResponses.text(exchange, 405, "read-only: only GET and HEAD are answered");
        return;
      }
      if (loopbackOnly && !isLocalHost(exchange.getRequestHeaders().getFirst("Host"))) {
        // A page on this machine only: refuse other host names (DNS rebinding).
        HttpResponses.text(exchange, 403, "this page answers only to localhost");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      switch (path) {
        case "/api/snapshot" -> HttpResponses.json(exchange, model.snapshot());
        case "/api/updates" -> {
          if (HttpResponses.isHead(exchange)) {
            exchange.getResponseHeaders().set("Content-Type", UpdateStream.CONTENT_TYPE);
            HttpResponses.empty(exchange, 200);
          } else {
            stream.serve(exchange);
          }
        }
        default ->
            serveAsset(
                exchange,
                path,
                SchemaFiles.isSchemaPath(path) ? schemas.find(path) : assets.find(path));
      }
    } catch (IOException e) {
      LOG.debug("web request {} failed: {}", exchange.getRequestURI(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("web request {} failed", exchange.getRequestURI(), e);
    }
  }

  private void serveAsset(HttpExchange exchange, String path, Optional<StaticAssets.Asset> found)
      throws IOException {
    if (found.isEmpty()) {
      HttpResponses.text(exchange, 404, "not found: " + path);
      return;
    }
    StaticAssets.Asset asset = found.get();
    // Not fingerprinted, so revalidate each time: cheap (304) and never a stale page after an
    // upgrade.
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.getResponseHeaders().set("ETag", asset.etag());
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (ifNoneMatch != null && ifNoneMatch.contains(asset.etag())) {
      HttpResponses.empty(exchange, 304);
      return;
    }
    HttpResponses.send(exchange, 200, asset.contentType(), asset.body());
  }

  /**
   * A periodic task that survives its own failure (a scheduler silently drops a task that throws).
   */
  private static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("web page: {} failed", what, e);
      }
    };
  }

  static boolean isLocalHost(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    String host = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end < 0 ? host : host.substring(0, end + 1);
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    return host.equals("localhost")
        || host.equals("127.0.0.1")
        || host.equals("[::1]")
        || host.endsWith(".localhost");
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops serving and reading: open pages' streams end, the port is released, threads end. */
  @Override
  public void close() {
    closeFeed();
    if (stream != null) {
      stream.close();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (server != null) {
      // The streams end at once now; give them a moment to say goodbye, then close every connection
      // (stop(0): with a delay, JDK 17's server always waits the whole delay).
      try {
        stream.awaitNoClients(STOP_GRACE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server.stop(0);
      server = null;
    }
    if (handlers != null) {
      try {
        if (!handlers.shutdown(Duration.ofSeconds(5))) {
          LOG.warn("web page: request threads did not stop within 5 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (scheduler != null) {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeFeed() {
    if (feed == null) {
      return;
    }
    try {
      feed.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("web page: closing the Kafka consumer failed: {}", e.getMessage());
    }
  }
}
