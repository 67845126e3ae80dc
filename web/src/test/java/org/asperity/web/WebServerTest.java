package org.asperity.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.asperity.schemas.AlertLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of the page, on a model fed directly (no Kafka). */
class WebServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration HEARTBEAT = Duration.ofMillis(100);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final LiveModel model = new LiveModel(null, System::currentTimeMillis);
  private WebServer server;

  @BeforeEach
  void start() throws IOException {
    server =
        new WebServer(
                WebServer.DEFAULT_BIND_ADDRESS,
                0,
                model,
                null,
                null,
                Optional.empty(),
                HEARTBEAT,
                System::currentTimeMillis)
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void boundToLoopbackByDefault() throws Exception {
    assertEquals("127.0.0.1", WebServer.DEFAULT_BIND_ADDRESS);
    assertEquals("127.0.0.1", server.url().getHost());
    int port = server.url().getPort();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          try (Socket s = new Socket()) {
            assertThrows(
                ConnectException.class,
                () -> s.connect(new InetSocketAddress(address, port), 2000),
                "reachable on " + address);
          }
        }
      }
    }
  }

  @Test
  void aTakenPortIsAClearError() {
    WebServer second =
        new WebServer(
            WebServer.DEFAULT_BIND_ADDRESS,
            server.url().getPort(),
            model,
            null,
            null,
            Optional.empty(),
            HEARTBEAT,
            System::currentTimeMillis);
    java.net.BindException e = assertThrows(java.net.BindException.class, second::start);
    assertTrue(
        e.getMessage().contains(":" + server.url().getPort())
            && e.getMessage().contains("another port"),
        e.getMessage());
    second.close();
  }

  @Test
  void servesThePageFilesWithTheirTypesAndCachingHeaders() throws Exception {
    HttpResponse<String> page = send("GET", "/");
    assertEquals(200, page.statusCode());
    assertEquals(
        "text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(page.body().contains("<svg id=\"map\""));
    assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertTrue(
        page.headers()
            .firstValue("Content-Security-Policy")
            .orElseThrow()
            .contains("default-src 'self'"));
    assertEquals(
        "text/javascript; charset=utf-8",
        send("GET", "/app.js").headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        "text/css; charset=utf-8",
        send("GET", "/style.css").headers().firstValue("Content-Type").orElseThrow());

    String etag = page.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = send("GET", "/", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
  }

  @Test
  void headGivesTheHeadersWithoutTheBody() throws Exception {
    HttpResponse<String> get = send("GET", "/app.js");
    HttpResponse<String> head = send("HEAD", "/app.js");
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    assertEquals(
        Long.toString(get.body().getBytes(StandardCharsets.UTF_8).length),
        head.headers().firstValue("Content-Length").orElseThrow());
  }

  @Test
  void onlyGetAndHeadAreAnswered() throws Exception {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
      for (String path : List.of("/", "/api/snapshot", "/api/updates", "/app.js")) {
        HttpResponse<String> r = send(method, path);
        assertEquals(405, r.statusCode(), method + " " + path);
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
      }
    }
  }

  @Test
  void nothingOutsideThePageFolderIsServed() throws Exception {
    for (String path :
        List.of(
            "/nope.html",
            "/log4j2.xml",
            "/web/index.html",
            "/.hidden.js",
            "/%2e%2e/pom.xml",
            "/org/asperity/web/WebServer.class",
            "/index.html/")) {
      assertEquals(404, send("GET", path).statusCode(), path);
    }
    assertEquals(404, raw("GET /../../etc/passwd HTTP/1.1", "localhost").status);
  }

  @Test
  void otherHostNamesAreRefused() throws Exception {
    assertEquals(403, raw("GET / HTTP/1.1", "attacker.example:" + server.url().getPort()).status);
    assertEquals(200, raw("GET / HTTP/1.1", "localhost:" + server.url().getPort()).status);
    assertTrue(WebServer.isLocalHost("[::1]:8080"));
    assertTrue(WebServer.isLocalHost("127.0.0.1"));
    assertFalse(WebServer.isLocalHost("127.0.0.1.attacker.example"));
    assertFalse(WebServer.isLocalHost(null));
  }

  @Test
  void snapshotIsJson() throws Exception {
    model.forecast(Records.forecast("sim-00", 10, 365), System.currentTimeMillis());
    HttpResponse<String> r = send("GET", "/api/snapshot");
    assertEquals(
        "application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    JsonNode json = JSON.readTree(r.body());
    assertEquals(365.0, json.get("latest").get("sim-00").get("ttfP50Days").asDouble());
    assertTrue(json.get("geometry").isNull());
  }

  @Test
  void updateStreamSendsASnapshotThenUpdatesAndHeartbeats() throws Exception {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          HttpResponse<Stream<String>> r =
              http.send(
                  HttpRequest.newBuilder(server.url().resolve("/api/updates")).build(),
                  HttpResponse.BodyHandlers.ofLines());
          assertEquals(200, r.statusCode());
          assertEquals(
              UpdateStream.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
          try (Stream<String> lines = r.body()) {
            Iterator<String> it = lines.iterator();
            assertEquals("retry: 2000", it.next());
            assertEquals("", it.next());
            JsonNode snapshot = nextEvent(it, "snapshot");
            assertEquals("snapshot", snapshot.get("type").asText());

            model.alert(Records.alert("sim-00", 3, AlertLevel.WARNING));
            JsonNode update = nextEvent(it, "update");
            while (update.get("alerts").isEmpty()) {
              update = nextEvent(it, "update");
            }
            assertEquals("WARNING", update.get("alerts").get(0).get("level").asText());
            String line;
            do {
              line = it.next();
            } while (!line.startsWith(":"));
            assertEquals(": heartbeat", line);
          }
        });
  }

  /** Reads lines up to the next event of that name; returns its data as JSON. */
  private static JsonNode nextEvent(Iterator<String> it, String name) throws IOException {
    while (!it.next().equals("event: " + name)) {
      // skip other events and heartbeats
    }
    String data = it.next();
    assertTrue(data.startsWith("data: "), data);
    assertEquals("", it.next(), "an event ends with a blank line");
    return JSON.readTree(data.substring("data: ".length()));
  }

  @Test
  void eventsAreOneDataLineEach() {
    assertEquals("event: update\ndata: {\"a\":1}\n\n", UpdateStream.event("update", "{\"a\":1}"));
  }

  @Test
  void pagesThatGoAwayAreDroppedAndTheirThreadsFreed() throws Exception {
    List<Socket> pages = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pages.add(openStream());
    }
    awaitTrue(() -> server.livePages() == 3, "three pages connected");
    for (Socket s : pages) {
      s.close();
    }
    awaitTrue(() -> server.livePages() == 0, "pages dropped after they disconnect");
    awaitTrue(() -> activeHandlerThreads() == 0, "handler threads returned");
  }

  @Test
  void tooManyPagesAreTurnedAway() throws Exception {
    List<Socket> pages = new ArrayList<>();
    try {
      for (int i = 0; i < WebServer.DEFAULT_MAX_PAGE_CLIENTS; i++) {
        pages.add(requestStream());
      }
      for (Socket s : pages) {
        awaitSnapshot(s);
      }
      awaitTrue(
          () -> server.livePages() == WebServer.DEFAULT_MAX_PAGE_CLIENTS, "all pages connected");
      assertEquals(503, send("GET", "/api/updates").statusCode());
      assertEquals(
          200, send("GET", "/api/snapshot").statusCode(), "files and snapshots are still served");
    } finally {
      for (Socket s : pages) {
        s.close();
      }
    }
  }

  @Test
  void closeReleasesThePortAndEndsEveryThread() throws Exception {
    Socket page = openStream();
    awaitTrue(() -> server.livePages() == 1, "page connected");
    int port = server.url().getPort();
    server.close();
    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    }
    awaitTrue(
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("asperity-web")),
        "no web thread left");
    page.close();
  }

  // ----- helpers -----

  private record RawResponse(int status, String text) {}

  /** A request written by hand (any path, any Host header), response read to the end. */
  private RawResponse raw(String requestLine, String host) throws IOException {
    try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), server.url().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          (requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new RawResponse(Integer.parseInt(text.substring(9, 12)), text);
    }
  }

  /** Opens the update stream on a raw socket and reads until its snapshot event has begun. */
  private Socket openStream() throws IOException {
    Socket s = requestStream();
    awaitSnapshot(s);
    return s;
  }

  private Socket requestStream() throws IOException {
    Socket s = new Socket(InetAddress.getByName("127.0.0.1"), server.url().getPort());
    s.setSoTimeout(10_000);
    s.getOutputStream()
        .write(
            ("GET /api/updates HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    return s;
  }

  private static void awaitSnapshot(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    StringBuilder seen = new StringBuilder();
    byte[] buffer = new byte[8192];
    while (seen.indexOf("event: snapshot") < 0) {
      int n = in.read(buffer);
      if (n < 0) {
        throw new IOException("stream ended: " + seen);
      }
      seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
    }
    assertTrue(seen.toString().startsWith("HTTP/1.1 200"), seen.toString());
  }

  private static long activeHandlerThreads() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().startsWith("asperity-web-http") && e.getKey().isAlive())
        .filter(
            e ->
                Stream.of(e.getValue())
                    .anyMatch(f -> f.getClassName().equals(UpdateStream.class.getName())))
        .count();
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    await(what)
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(condition::getAsBoolean);
  }
}
