package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;
import org.asperity.schemas.wire.Codecs;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.io.KafkaStreamWriter;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * The page in a real browser: an embedded broker carries a short simulation (observations and
 * catalog earthquakes from the simulator) and forecasts and alerts for it; the page, served on a
 * free port, must draw the stations with their velocities, show the latest forecast as it arrives
 * over the update stream, list the alerts, and log no error in the browser's console. Saves {@code
 * target/screenshots/live-page.png}.
 */
class LivePageIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  static final Path SCREENSHOT = Path.of("target", "screenshots", "live-page.png");
  private static final int WIDTH = 1440;
  private static final Duration WAIT = Duration.ofSeconds(45);

  /** Forecasts and alerts before this many simulated years are written before the page starts. */
  private static final double BACKLOG_YEARS = 12.0;

  @Test
  void pageDrawsStationsAndShowsLiveForecastsWithoutConsoleErrors(EmbeddedKafkaBroker broker)
      throws Exception {
    KafkaClientSettings settings = KafkaClientSettings.of(broker.bootstrapServers());
    TopicNames topics = TopicNames.defaults();
    try (TopicAdmin admin = TopicAdmin.connect(settings)) {
      admin.ensureTopics(topics.all(), Duration.ofSeconds(60));
    }
    SampleStreams sample = new SampleStreams(16.0, 1L);
    Simulation simulation = new Simulation(sample.config);
    long liveFromMicros =
        simulation.timeAxis().startMicros() + (long) (BACKLOG_YEARS * TimeUnits.MICROS_PER_YEAR);
    List<TtfForecast> backlogForecasts =
        sample.forecasts.stream()
            .filter(f -> LiveModel.micros(f.getWindowEnd()) < liveFromMicros)
            .toList();
    List<TtfAlert> backlogAlerts =
        sample.alerts.stream()
            .filter(a -> LiveModel.micros(a.getIssuedAt()) < liveFromMicros)
            .toList();
    send(settings, topics, backlogForecasts, backlogAlerts);

    FaultGeometryView geometry = FaultGeometryView.of(SimulatedGeometry.of(simulation.model()));
    try (WebServer server =
            new WebServer(
                    settings,
                    topics,
                    WebServer.DEFAULT_BIND_ADDRESS,
                    0,
                    Optional.of(geometry),
                    Optional.of(unreachableMetricsUrl()))
                .start();
        HeadlessChromium browser = HeadlessChromium.start(WIDTH, 1000)) {
      browser.open(server.url());
      int stations = simulation.model().stationCount();
      browser.await(
          WAIT,
          "all " + stations + " stations drawn",
          d -> d.findElements(By.cssSelector("#map circle[data-station]")).size() == stations);

      // Live: the simulator streams its observations and earthquakes, then the newer forecasts and
      // alerts come.
      try (KafkaStreamWriter writer = new KafkaStreamWriter(settings, topics)) {
        simulation.run(writer, progress -> {});
      }
      send(
          settings,
          topics,
          sample.forecasts.subList(backlogForecasts.size(), sample.forecasts.size()),
          sample.alerts.subList(backlogAlerts.size(), sample.alerts.size()));

      TtfForecast last = sample.forecasts.get(sample.forecasts.size() - 1);
      String lastWindowEnd = Long.toString(last.getWindowEnd().toEpochMilli());
      WebElement ttf =
          browser.await(
              WAIT,
              "the latest forecast shown",
              d -> {
                WebElement e = d.findElement(By.id("ttf-p50"));
                return lastWindowEnd.equals(e.getAttribute("data-window-end")) ? e : null;
              });
      assertTrue(
          ttf.getText().matches(".*\\d.*(days?|years)"),
          "TTF shown with its unit: " + ttf.getText());
      browser.await(
          WAIT,
          "every station coloured by its velocity",
          d -> d.findElements(By.cssSelector("#map circle[data-station].no-rate")).isEmpty());
      browser.await(
          WAIT,
          "the catalog earthquake marked on the magnitude chart",
          d -> !d.findElements(By.cssSelector("#mw-chart path[fill='#b3261e']")).isEmpty());
      // A real earthquake imported from a catalog: drawn apart, with its Mw uncertainty.
      EarthquakeEvent real =
          Records.realEarthquake(
              last.getRegion().toString(), last.getWindowEnd().minus(Duration.ofDays(30)), 7.8);
      try (Producer<byte[], byte[]> producer =
          new KafkaProducer<>(
              settings.producer(), new ByteArraySerializer(), new ByteArraySerializer())) {
        producer.send(
            new ProducerRecord<>(
                topics.catalogEvents(),
                real.getRegion().getBytes(),
                Codecs.EARTHQUAKE_EVENT.encode(real)));
      }
      WebElement realMark =
          browser.await(
              WAIT,
              "the real earthquake marked on the magnitude chart",
              d ->
                  d.findElements(By.cssSelector("#mw-chart circle[data-source='CATALOG']")).stream()
                      .findFirst()
                      .orElse(null));
      assertEquals(real.getEventId().toString(), realMark.getAttribute("data-event-id"));
      browser.await(
          WAIT,
          "its uncertainty drawn",
          d -> !d.findElements(By.cssSelector("#mw-chart line[data-uncertainty]")).isEmpty());
      String title =
          browser.await(
              WAIT,
              "the real earthquake on the TTF chart",
              d ->
                  d
                      .findElements(By.cssSelector("#ttf-chart line[data-source='CATALOG'] title"))
                      .stream()
                      .findFirst()
                      .map(e -> e.getAttribute("textContent"))
                      .orElse(null));
      assertTrue(title.contains("± 0.06") && title.contains("km deep"), title);
      browser.await(
          WAIT,
          "the alert log filled",
          d -> d.findElements(By.cssSelector("#alerts tbody .tag")).size() == sample.alerts.size());
      assertEquals(
          sample.alerts.get(sample.alerts.size() - 1).getLevel().name(),
          browser.await(WAIT, "alert level", d -> d.findElement(By.id("alert-level")).getText()));
      assertTrue(
          browser
              .await(WAIT, "pipeline numbers", d -> d.findElement(By.id("pipeline")).getText())
              .contains("Observations"));

      // Nothing answers at the job's metrics URL: the page says the job is down.
      assertEquals(
          "■ job down (metrics unreachable)",
          browser.await(
              WAIT,
              "the job shown as down",
              d -> {
                WebElement e = d.findElement(By.id("job-status"));
                return e.isDisplayed() ? e.getText() : null;
              }));

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
  }

  private static void send(
      KafkaClientSettings settings,
      TopicNames topics,
      List<TtfForecast> forecasts,
      List<TtfAlert> alerts) {
    try (Producer<byte[], byte[]> producer =
        new KafkaProducer<>(
            settings.producer(), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (TtfForecast f : forecasts) {
        producer.send(
            new ProducerRecord<>(
                topics.forecasts(), f.getRegion().getBytes(), Codecs.TTF_FORECAST.encode(f)));
      }
      for (TtfAlert a : alerts) {
        producer.send(
            new ProducerRecord<>(
                topics.alerts(), a.getRegion().getBytes(), Codecs.TTF_ALERT.encode(a)));
      }
      producer.flush();
    }
  }

  /**
   * A metrics URL where nothing listens: the job's metrics do not exist yet, and the page must
   * cope.
   */
  private static URI unreachableMetricsUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/metrics");
    }
  }
}
