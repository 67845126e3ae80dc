package org.asperity.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.asperity.web.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import picocli.CommandLine;

/**
 * {@code ./asperity demo} as a user runs it: embedded broker, the Flink job on a MiniCluster with
 * the default model, the simulator and the page. Headless Chromium must see the stations, a
 * forecast the job made (with the model that made it), the catalog's earthquakes and the job's own
 * Prometheus numbers, within the demo's first minute and with no console error; then the demo stops
 * by itself, exits 0 and leaves no thread behind. Saves {@code target/screenshots/demo-page.png}.
 */
class DemoPageIT {
  static final Path SCREENSHOT = Path.of("target", "screenshots", "demo-page.png");
  private static final int WIDTH = 1440;

  /** What the README promises: live forecasts within a minute of start. */
  private static final Duration DEMO = Duration.ofSeconds(60);

  @Test
  void demoShowsLiveForecastsFromTheJobWithinAMinuteAndStopsCleanly() throws Exception {
    Set<String> threadsBefore = nonDaemonThreads();
    int webPort = freePort();
    int metricsPort = freePort();
    CommandLine cli = Asperity.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    long started = System.nanoTime();
    CompletableFuture<Integer> demo =
        CompletableFuture.supplyAsync(
            () ->
                cli.execute(
                    "demo",
                    "--duration",
                    DEMO.toSeconds() + "s",
                    "--progress-every",
                    "30s",
                    "--web-port",
                    Integer.toString(webPort),
                    "--metrics-port",
                    Integer.toString(metricsPort)));

    try (HeadlessChromium browser = HeadlessChromium.start(WIDTH, 1000)) {
      URI page = URI.create("http://127.0.0.1:" + webPort + "/");
      Duration wait = DEMO.minusSeconds(5);
      awaitServed(page, wait);
      browser.open(page);
      int stations =
          browser.await(
              wait,
              "stations drawn",
              d -> {
                int n = d.findElements(By.cssSelector("#map circle[data-station]")).size();
                return n > 0 ? n : null;
              });
      assertEquals(100, stations, "the variable preset's network (nature's stations)");
      WebElement ttf =
          browser.await(
              wait,
              "a forecast from the job",
              d -> {
                WebElement e = d.findElement(By.id("ttf-p50"));
                return e.getAttribute("data-window-end").isEmpty() ? null : e;
              });
      assertTrue(
          ttf.getText().matches(".*\\d.*(days?|years)"),
          "TTF shown with its unit: " + ttf.getText());
      assertTrue(
          browser
              .await(wait, "the model named", d -> d.findElement(By.id("forecast-meta")).getText())
              .contains("model variable-"),
          "the default model, trained on the variable preset");
      browser.await(
          wait,
          "a catalog earthquake on the magnitude chart",
          d -> !d.findElements(By.cssSelector("#mw-chart path[fill='#b3261e']")).isEmpty());
      browser.await(
          wait,
          "the job's own latency from its Prometheus endpoint",
          d -> d.findElement(By.id("pipeline")).getText().contains("Prometheus"));

      // A picture with some history on it, taken before the demo ends.
      long untilPicture = started + DEMO.minusSeconds(8).toNanos() - System.nanoTime();
      if (untilPicture > 0) {
        TimeUnit.NANOSECONDS.sleep(untilPicture);
      }
      browser.screenshotFullPage(SCREENSHOT, WIDTH);
      List<LogEntry> errors =
          browser.consoleEntries().stream()
              .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
              .toList();
      assertTrue(
          errors.isEmpty(),
          "browser console: "
              + errors.stream().map(LogEntry::toString).collect(Collectors.joining("\n")));
    }

    assertEquals(0, demo.get(DEMO.toSeconds() + 90, TimeUnit.SECONDS), err.toString());
    assertNoThreadLeftSince(threadsBefore);
  }

  /** Polls with plain HTTP, so the browser never sees (and logs) a refused connection. */
  private static void awaitServed(URI page, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    await("the demo to serve " + page)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .pollInSameThread()
        // IOException: the demo is still starting its broker and job.
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(page).GET().build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * No non-daemon thread started since {@code before} is alive after a grace period: Netty (Flink's
   * shaded copy) ends its non-daemon {@code globalEventExecutor} thread by itself one second after
   * its last task, which can fall just after the demo returns.
   */
  private static void assertNoThreadLeftSince(Set<String> before) {
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        // On the test's thread: a poller thread of its own would count as left running.
        .pollInSameThread()
        .untilAsserted(
            () -> {
              Set<String> leaked = nonDaemonThreads();
              leaked.removeAll(before);
              assertTrue(leaked.isEmpty(), "threads left running: " + leaked);
            });
  }

  private static Set<String> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }
}
