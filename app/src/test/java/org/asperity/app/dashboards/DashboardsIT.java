package org.asperity.app.dashboards;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.asperity.app.MetricsOptions;
import org.asperity.app.metrics.CommandMetricsServer;
import org.asperity.app.metrics.ReplayMetrics;
import org.asperity.app.metrics.SimulatorMetrics;
import org.asperity.job.LocalJob;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.scoring.JobModel;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.TestKafka;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.replay.GnssFiles;
import org.asperity.replay.KafkaObservationSink;
import org.asperity.replay.RejectLog;
import org.asperity.replay.Replay;
import org.asperity.replay.ReplayOptions;
import org.asperity.replay.RepositoryData;
import org.asperity.simulator.EpochSink;
import org.asperity.simulator.Preset;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.io.KafkaStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboards read only metrics the system really exports. A short real pipeline runs (a
 * replayed GNSS file with a malformed line and a simulation into Kafka, the job on a MiniCluster
 * with the default model and Flink's own Prometheus reporter); every endpoint Prometheus scrapes in
 * docker-compose is scraped here, and every metric name in every panel query and variable of every
 * dashboard, and in every alerting rule, must be among the scraped ones; {@code promtool check
 * metrics} must find nothing to say about the job's, the simulator's and the replay's scrapes. The
 * dashboards must be valid JSON with unique fixed uids and the provisioned data source, and
 * prometheus.yml must scrape exactly the code's ports.
 */
class DashboardsIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final Path DASHBOARDS =
      Path.of("").toAbsolutePath().getParent().resolve("dashboards");
  private static final String DATASOURCE_UID = "asperity-prometheus";
  private static final Set<String> UIDS =
      Set.of("asperity-pipeline", "asperity-forecasts", "asperity-alerts");

  /**
   * Port of Flink's Prometheus reporter in docker-compose.yml ({@code metrics.reporter.prom.port}).
   */
  private static final int FLINK_REPORTER_PORT = 9249;

  private static final Duration SCRAPE_DEADLINE = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void dashboardsAndAlertingRulesReadExportedMetricsThatPassPromtool(
      EmbeddedKafkaBroker broker, @TempDir Path dir) throws Exception {
    Map<String, Set<String>> wanted = dashboardMetricNames();
    wanted.putAll(alertingRuleMetricNames());
    TestKafka kafka = new TestKafka(broker);
    TopicNames topics = TopicNames.defaults();
    try (TopicAdmin admin = TopicAdmin.connect(kafka.settings())) {
      admin.ensureTopics(topics.all(), Duration.ofSeconds(30));
    }
    int flinkReporterPort = freePort();
    Configuration flink =
        Configuration.fromMap(
            Map.of(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                "metrics.reporter.prom.port",
                Integer.toString(flinkReporterPort)));
    SimulatorMetrics simulatorMetrics = new SimulatorMetrics();
    ReplayMetrics replayMetrics = new ReplayMetrics();
    try (LocalJob job =
            LocalJob.start(
                JobRuns.boundedReplay(kafka)
                    .bounded(false)
                    .parallelism(1)
                    .metrics(new MetricsEndpoint("127.0.0.1", 0))
                    .build(),
                JobModel.load(null),
                streams -> {},
                flink);
        CommandMetricsServer replayServer =
            CommandMetricsServer.start(replayMetrics.registry(), "127.0.0.1", 0);
        CommandMetricsServer simulatorServer =
            CommandMetricsServer.start(simulatorMetrics.registry(), "127.0.0.1", 0)) {
      replay(kafka, topics, malformedCopyOfLhas(dir), replayMetrics);
      simulate(kafka, topics, simulatorMetrics);

      Map<String, String> bodies = new LinkedHashMap<>();
      Map<String, Set<String>> exported = new LinkedHashMap<>();
      // The job's operators and Flink's reporter register their metrics as they start: scrape until
      // every name is there; on timeout the assertion names what is missing where.
      await("every dashboard and alerting-rule metric exported")
          .atMost(SCRAPE_DEADLINE)
          .pollInterval(Duration.ofSeconds(1))
          .pollInSameThread()
          .untilAsserted(
              () -> {
                bodies.put("job", scrapeIfUp(JobMetrics.peek().port()));
                bodies.put("simulator", scrapeIfUp(simulatorServer.port()));
                bodies.put("replay", scrapeIfUp(replayServer.port()));
                bodies.put("flink", scrapeIfUp(flinkReporterPort));
                bodies.forEach((endpoint, body) -> exported.put(endpoint, sampleNames(body)));
                assertEquals(
                    Map.of(),
                    missingByDashboard(wanted, exported),
                    "dashboard queries and alerting rules name metrics nothing exports; exported: "
                        + exported);
              });

      // Asperity's own endpoints follow Prometheus' naming conventions (Flink's reporter is
      // Flink's).
      Promtool promtool = Promtool.onPath();
      Map<String, String> findings = new TreeMap<>();
      for (String endpoint : List.of("job", "simulator", "replay")) {
        Promtool.Result lint = promtool.checkMetrics(bodies.get(endpoint));
        if (!lint.clean()) {
          findings.put(endpoint, "exit " + lint.exitCode() + ": " + lint.output());
        }
      }
      assertEquals(Map.of(), findings, "promtool check metrics");
    }
  }

  /**
   * The metric names each dashboard wants and no endpoint exports (dashboards missing none left
   * out).
   */
  private static Map<String, Set<String>> missingByDashboard(
      Map<String, Set<String>> wanted, Map<String, Set<String>> exported) {
    Map<String, Set<String>> missingByDashboard = new TreeMap<>();
    wanted.forEach(
        (where, names) -> {
          Set<String> gone = missing(names, exported);
          if (!gone.isEmpty()) {
            missingByDashboard.put(where, gone);
          }
        });
    return missingByDashboard;
  }

  @Test
  void dashboardsAreValidJsonWithUniqueFixedUidsAndTheProvisionedDataSource() throws IOException {
    Map<String, Path> uids = new HashMap<>();
    for (Path file : dashboardFiles()) {
      JsonNode dashboard = JSON.readTree(file.toFile());
      String uid = dashboard.path("uid").asText("");
      assertFalse(uid.isEmpty(), file + " has no uid");
      Path other = uids.put(uid, file);
      assertTrue(other == null, "uid " + uid + " in both " + other + " and " + file);
      assertTrue(
          dashboard.path("schemaVersion").asInt() >= 39,
          file + ": schemaVersion of a current Grafana");
      assertTrue(
          dashboard.path("id").isNull() || dashboard.path("id").isMissingNode(),
          file + ": no instance id");
      List<JsonNode> panels = panels(dashboard);
      assertFalse(panels.isEmpty(), file + " has no panels");
      Set<Integer> ids = new TreeSet<>();
      for (JsonNode panel : panels) {
        String title = file.getFileName() + " / " + panel.path("title").asText();
        assertTrue(ids.add(panel.path("id").asInt(-1)), title + ": duplicate or missing panel id");
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        assertDataSource(panel.path("datasource"), title);
        assertTrue(panel.path("targets").size() > 0, title + " has no query");
        for (JsonNode target : panel.path("targets")) {
          if (target.has("datasource")) {
            assertDataSource(target.path("datasource"), title);
          }
          assertFalse(target.path("expr").asText("").isBlank(), title + ": a target without expr");
        }
      }
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        if (variable.path("type").asText().equals("query")) {
          assertDataSource(
              variable.path("datasource"),
              file.getFileName() + " variable " + variable.path("name"));
        }
      }
    }
    assertEquals(UIDS, uids.keySet());
  }

  @Test
  void prometheusScrapesTheCodesPorts() throws IOException {
    String config = Files.readString(DASHBOARDS.resolve("prometheus").resolve("prometheus.yml"));
    Map<String, Integer> expected =
        Map.of(
            "asperity-job",
            MetricsEndpoint.DEFAULT_PORT,
            "asperity-simulator",
            MetricsOptions.SIMULATE_PORT,
            "asperity-replay",
            MetricsOptions.REPLAY_PORT,
            "flink",
            FLINK_REPORTER_PORT);
    Map<String, List<Integer>> ports = new TreeMap<>();
    String job = null;
    for (String line : config.lines().toList()) {
      Matcher name = Pattern.compile("^\\s*-\\s*job_name:\\s*([\\w-]+)").matcher(line);
      if (name.find()) {
        job = name.group(1);
      }
      Matcher targets = Pattern.compile("^\\s*-?\\s*targets:\\s*\\[(.*)]").matcher(line);
      if (targets.find()) {
        for (String target : targets.group(1).split(",")) {
          String hostPort = target.trim().replace("\"", "");
          ports
              .computeIfAbsent(job, k -> new ArrayList<>())
              .add(Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1)));
        }
      }
    }
    assertEquals(expected.keySet(), ports.keySet(), "scrape jobs");
    ports.forEach(
        (name, list) ->
            list.forEach(port -> assertEquals(expected.get(name), port, name + " target port")));
  }

  /** The metric names read by each panel and variable: "dashboard file / panel title" to names. */
  private static Map<String, Set<String>> dashboardMetricNames() throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Path file : dashboardFiles()) {
      JsonNode dashboard = JSON.readTree(file.toFile());
      for (JsonNode panel : panels(dashboard)) {
        for (JsonNode target : panel.path("targets")) {
          out.computeIfAbsent(
                  file.getFileName() + " / " + panel.path("title").asText(), k -> new TreeSet<>())
              .addAll(PromQlNames.of(target.path("expr").asText()));
        }
      }
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        if (variable.path("type").asText().equals("query")) {
          JsonNode query = variable.path("query");
          String text = query.isObject() ? query.path("query").asText() : query.asText();
          out.computeIfAbsent(
                  file.getFileName() + " / $" + variable.path("name").asText(),
                  k -> new TreeSet<>())
              .addAll(PromQlNames.ofVariableQuery(text));
        }
      }
    }
    assertFalse(out.isEmpty(), "no dashboard queries found under " + DASHBOARDS);
    return out;
  }

  /**
   * The metric names each alerting rule reads: "rules file / alert" to names ({@code up} is
   * Prometheus' own).
   */
  private static Map<String, Set<String>> alertingRuleMetricNames() throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    PrometheusRulesTest.alerts()
        .forEach(
            (alert, rule) -> {
              Set<String> names = PromQlNames.of(rule.path("expr").asText());
              names.remove("up");
              out.put(PrometheusRulesTest.RULES.getFileName() + " / " + alert, names);
            });
    return out;
  }

  private static List<Path> dashboardFiles() throws IOException {
    try (Stream<Path> files = Files.list(DASHBOARDS.resolve("grafana").resolve("dashboards"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  /** Every panel, rows' collapsed panels included. */
  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      out.add(panel);
      panel.path("panels").forEach(out::add);
    }
    return out;
  }

  private static void assertDataSource(JsonNode datasource, String where) {
    assertEquals(DATASOURCE_UID, datasource.path("uid").asText(), where + ": data source uid");
    assertEquals("prometheus", datasource.path("type").asText(), where + ": data source type");
  }

  private static Set<String> missing(Set<String> names, Map<String, Set<String>> exported) {
    Set<String> out = new TreeSet<>(names);
    exported.values().forEach(out::removeAll);
    return out;
  }

  /** The scrape body of an endpoint, empty while it is not up. */
  private static String scrapeIfUp(int port) throws InterruptedException {
    if (port < 0) {
      return "";
    }
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return ""; // not up yet (the job's endpoint starts with its operators)
    }
  }

  /** Sample names of a scrape (what Prometheus stores: histograms as _bucket, _count, _sum). */
  private static Set<String> sampleNames(String body) {
    Set<String> names = new TreeSet<>();
    for (String line : body.lines().toList()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{\\s]", 2)[0]);
      }
    }
    return names;
  }

  /** The first 400 days of the NGL series of LHAS and one line no reader accepts. */
  private static Path malformedCopyOfLhas(Path dir) throws IOException {
    Path lhas = RepositoryData.gnss("LHAS.tenv3");
    List<String> lines = new ArrayList<>(Files.readAllLines(lhas).subList(0, 400));
    lines.add("LHAS 96JUN01 not-a-number");
    Path copy = dir.resolve("LHAS.tenv3");
    Files.write(copy, lines);
    return copy;
  }

  private static void replay(TestKafka kafka, TopicNames topics, Path file, ReplayMetrics metrics)
      throws IOException {
    RejectLog rejects = new RejectLog(false);
    try (KafkaObservationSink sink =
        new KafkaObservationSink(kafka.settings(), topics.observations())) {
      new Replay(
              GnssFiles.open(file, null, rejects),
              ReplayOptions.historicAsFastAsPossible(),
              rejects)
          .run(sink, p -> metrics.progress(p, rejects.countsByReason()));
    }
    assertEquals(1, rejects.total(), "the malformed line");
  }

  /** Two simulated years of one region, as fast as possible. */
  private static void simulate(TestKafka kafka, TopicNames topics, SimulatorMetrics metrics)
      throws IOException {
    SimulationConfig config =
        SimulationConfig.builder()
            .preset(Preset.NATURE)
            .seed(7)
            .regions(1)
            .durationYears(2)
            .spinUpYears(300)
            .build();
    try (KafkaStreamWriter writer = new KafkaStreamWriter(kafka.settings(), topics)) {
      new Simulation(config).run(EpochSink.all(writer, metrics), p -> {});
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
