package org.asperity.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The page's server keeps answering while many pages are open and one of them does not read. */
class PageServerHoldsTest {
  private static final Duration HEARTBEAT = Duration.ofMillis(200);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final LiveModel model = new LiveModel(null, System::currentTimeMillis);
  private final List<Socket> sockets = new ArrayList<>();
  private WebServer server;

  private WebServer start(Duration pageWriteTimeout) throws IOException {
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
            .pageWriteTimeout(pageWriteTimeout)
            .start();
    return server;
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void pageAndSnapshotAnswerWithinASecondWhileAHundredPagesAreOpenAndOneDoesNotRead()
      throws Exception {
    start(WebServer.PAGE_WRITE_TIMEOUT);
    model.observation(Records.observation("CL", "C001", 0, 0.01, 0.02), 0);
    Socket neverReads = socket(1024);
    requestStream(neverReads);
    for (int i = 0; i < 100; i++) {
      requestStream(socket(0));
    }
    await("the cap reached")
        .atMost(Duration.ofSeconds(30))
        .until(() -> server.livePages() == WebServer.DEFAULT_MAX_PAGE_CLIENTS);

    await("the page").atMost(Duration.ofSeconds(1)).until(() -> status("/") == 200);
    await("the snapshot").atMost(Duration.ofSeconds(1)).until(() -> status("/api/snapshot") == 200);

    // 101 asked, 32 served: the other 69 were told why.
    await("the refusals counted")
        .atMost(Duration.ofSeconds(30))
        .until(() -> server.refusals().pagesRefused() == 101 - WebServer.DEFAULT_MAX_PAGE_CLIENTS);
    HttpResponse<String> refused = get("/api/updates");
    assertEquals(503, refused.statusCode());
    assertTrue(refused.body().contains("too many live pages open (32"), refused.body());
    assertEquals("30", refused.headers().firstValue("Retry-After").orElseThrow());
  }

  @Test
  void aPageThatDoesNotReadIsEvictedAndTheOthersKeepTheirUpdates() throws Exception {
    start(Duration.ofMillis(500));
    Socket neverReads = socket(1024);
    requestStream(neverReads);
    Socket reads = socket(0);
    requestStream(reads);
    AtomicLong updatesRead = new AtomicLong();
    Thread reader = new Thread(() -> countUpdates(reads, updatesRead), "test-page-reader");
    reader.setDaemon(true);
    reader.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> server.livePages() == 2);

    // Updates of a few MB each fill the non-reader's socket buffers within a few ticks.
    String longName = "S".repeat(20_000);
    long[] day = {1};
    await("the page that does not read evicted")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (int s = 0; s < 100; s++) {
                model.observation(
                    Records.observation("CL", longName + s, day[0], 0.001 * day[0], 0), 0);
              }
              day[0]++;
              return server.refusals().pagesEvicted() == 1;
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> server.livePages() == 1);

    long before = updatesRead.get();
    model.observation(Records.observation("CL", "C001", day[0], 0.01, 0.02), 0);
    await("the reading page still updated")
        .atMost(Duration.ofSeconds(30))
        .until(() -> updatesRead.get() > before);
    assertEquals(0, server.refusals().pagesRefused());
  }

  private Socket socket(int receiveBufferBytes) throws IOException {
    Socket s = new Socket();
    if (receiveBufferBytes > 0) {
      s.setReceiveBufferSize(receiveBufferBytes); // before connecting: sets the TCP window
    }
    s.connect(
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.url().getPort()), 5000);
    sockets.add(s);
    return s;
  }

  private static void requestStream(Socket s) throws IOException {
    s.getOutputStream()
        .write(
            "GET /api/updates HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  private static void countUpdates(Socket s, AtomicLong updates) {
    byte[] buffer = new byte[64 * 1024];
    byte[] marker = "event: update".getBytes(StandardCharsets.US_ASCII);
    int matched = 0;
    try {
      InputStream in = s.getInputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        for (int i = 0; i < n; i++) {
          matched = buffer[i] == marker[matched] ? matched + 1 : buffer[i] == marker[0] ? 1 : 0;
          if (matched == marker.length) {
            updates.incrementAndGet();
            matched = 0;
          }
        }
      }
    } catch (IOException e) {
      // The socket was closed at the end of the test.
    }
  }

  private int status(String path) throws Exception {
    return get(path).statusCode();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(1)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
