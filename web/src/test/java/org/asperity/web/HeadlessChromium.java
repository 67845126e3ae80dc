package org.asperity.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver through Selenium (no driver or
 * browser download: both paths are given). No background networking, sync, component updates or
 * QUIC (the build may have no network), no sandbox (CI runs as root), a fresh profile deleted on
 * close. The browser's console is recorded at every level.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /**
   * Selenium reports through java.util.logging (e.g. "no CDP match for this version"): keep tests
   * quiet.
   */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  private final Path profile;
  private final ChromeDriver driver;

  private HeadlessChromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  public static HeadlessChromium start(int width, int height) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "the browser test needs Debian's chromium and chromium-driver ("
              + CHROMIUM
              + ", "
              + CHROMEDRIVER
              + "): .ci/run installs them, or apt-get install chromium chromium-driver");
    }
    SELENIUM_LOG.setLevel(Level.OFF);
    Path profile = Files.createTempDirectory("asperity-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .withSilent(true)
            .build();
    try {
      return new HeadlessChromium(profile, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      deleteTree(profile);
      throw e;
    }
  }

  public void open(URI url) {
    driver.get(url.toString());
  }

  public Object script(String javascript, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(javascript, args);
  }

  /**
   * Waits until {@code condition} holds (a non-null, non-false value), or fails after {@code
   * timeout}.
   */
  public <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
        .withMessage(what)
        .until(condition);
  }

  /** Console messages and page errors so far (each read once). */
  public List<LogEntry> consoleEntries() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** Resizes the window so the viewport holds the whole page, and saves a PNG of it. */
  public void screenshotFullPage(Path png, int width) throws IOException {
    // The window is taller than its viewport by the (invisible) browser frame.
    Number height =
        (Number)
            script(
                "return Math.ceil(document.documentElement.scrollHeight"
                    + " + window.outerHeight - window.innerHeight)");
    driver.manage().window().setSize(new Dimension(width, height.intValue()));
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // Chromium may still be writing to its profile as it exits; a leftover temp file
                  // is harmless.
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
