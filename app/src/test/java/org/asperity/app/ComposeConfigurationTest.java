package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.apache.flink.configuration.MemorySize;
import org.asperity.job.AsperityJob;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.TopicSpec;
import org.asperity.schemas.GnssObservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docker-compose.yml, the Dockerfile and the Prometheus and Grafana provisioning files, checked
 * statically against the code (there is no Docker engine in the build): every command parses with
 * the real command lines, Kafka addresses, topics, metrics ports, mounts and copied files agree,
 * third-party images are pinned, and the Flink cluster is set up the way the job needs it.
 */
class ComposeConfigurationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path ROOT = repositoryRoot();
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

  // --- the launcher's and the job's command lines ---------------------------------------------

  @Test
  void asperityServicesParseWithTheLaunchersCommandLine() {
    Compose compose = Compose.read();
    Map<String, String> failures = new TreeMap<>();
    for (String service : compose.asperityServices()) {
      try {
        Asperity.commandLine().parseArgs(compose.command(service).toArray(String[]::new));
      } catch (CommandLine.ParameterException e) {
        failures.put(service, e.getMessage());
      }
    }
    assertTrue(failures.isEmpty(), "commands the launcher rejects: " + failures);
    assertTrue(
        compose.asperityServices().containsAll(List.of("topics", "simulator", "replay", "web")),
        "asperity services: " + compose.asperityServices());
  }

  @Test
  void jobServiceSubmitsTheShadedJarWithArgumentsTheJobParses() throws IOException {
    Compose compose = Compose.read();
    Dockerfile dockerfile = Dockerfile.read();
    assertEquals("flink-submit", compose.buildTarget("job"));
    List<String> command = compose.command("job");
    String script = command.get(0);
    Dockerfile.Copy scriptCopy = dockerfile.copyTo("flink-submit", script);
    Path scriptFile = ROOT.resolve(scriptCopy.sources().get(0));
    assertTrue(Files.isExecutable(scriptFile), scriptFile + " must be executable");

    // The script runs `flink run` on the jar the image holds: the shaded jar with the job
    // classifier.
    Dockerfile.Copy jar =
        dockerfile.copies("flink-submit").stream()
            .filter(
                c -> c.from() != null && c.sources().get(0).startsWith("/src/flink-job/target/"))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the flink-submit image copies no jar from flink-job/target"));
    String pom = Files.readString(ROOT.resolve("flink-job/pom.xml"));
    String classifier = xmlValue(pom, "shadedClassifierName");
    assertTrue(
        jar.sources().get(0).endsWith("-" + classifier + ".jar"),
        jar + " is not the shaded jar (" + classifier + ")");
    String scriptText = Files.readString(scriptFile);
    assertTrue(
        scriptText.contains("flink run") && scriptText.contains(jar.destination()),
        scriptFile + " must run `flink run` on " + jar.destination());

    CommandLine cli = AsperityJob.commandLine();
    cli.parseArgs(command.subList(1, command.size()).toArray(String[]::new));
    AsperityJob job = cli.getCommand();
    assertNotNull(job.options());
  }

  @Test
  void jobServiceResumesFromTheNewestRetainedCheckpoint(@TempDir Path dir) throws Exception {
    Compose compose = Compose.read();
    String checkpoints = compose.environment("job").get("CHECKPOINT_DIR");
    assertEquals(
        "file://" + checkpoints,
        compose.flinkProperties("jobmanager").get("execution.checkpointing.dir"),
        "the job service looks where the JobManager writes");
    String volume = compose.namedVolumeHolding("jobmanager", checkpoints);
    assertNotNull(volume, "the checkpoints are on a named volume");
    assertEquals(volume, compose.namedVolumeHolding("job", checkpoints));
    assertEquals(
        "file://" + checkpoints,
        compose.flinkProperties("taskmanager").get("execution.checkpointing.dir"));

    // The real script under sh, with a stand-in for the flink CLI that records its arguments.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path calls = dir.resolve("calls");
    Path flink = bin.resolve("flink");
    Files.writeString(flink, "#!/bin/sh\necho \"$*\" >> \"" + calls + "\"\n");
    flink.toFile().setExecutable(true);
    Path root = Files.createDirectories(dir.resolve("checkpoints"));
    retained(root.resolve("job-a/chk-9"), 1_000);
    retained(root.resolve("job-b/chk-4"), 2_000);
    Files.createDirectories(root.resolve("job-b/chk-5")); // in progress: no _metadata
    String script = ROOT.resolve("docker/submit-job.sh").toString();

    String resumed = runSubmitScript(script, bin, root, calls);
    assertTrue(
        resumed.endsWith(
            "run -d -m jm:8081 -s file://"
                + root.resolve("job-b/chk-4")
                + " /opt/asperity/asperity-flink-job.jar --parallelism 2"),
        resumed);

    String fresh = runSubmitScript(script, bin, dir.resolve("none"), calls);
    assertTrue(
        fresh.endsWith("run -d -m jm:8081 /opt/asperity/asperity-flink-job.jar --parallelism 2"),
        fresh);
  }

  private static void retained(Path checkpoint, long modifiedMillis) throws IOException {
    Path metadata = Files.createDirectories(checkpoint).resolve("_metadata");
    Files.write(metadata, new byte[] {1});
    Files.setLastModifiedTime(
        metadata, java.nio.file.attribute.FileTime.fromMillis(modifiedMillis));
  }

  /** The flink command line the script ran last. */
  private static String runSubmitScript(String script, Path bin, Path checkpoints, Path calls)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", script, "--parallelism", "2");
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("CHECKPOINT_DIR", checkpoints.toString());
    builder.environment().put("FLINK_JOBMANAGER", "jm:8081");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), output);
    List<String> lines = Files.readAllLines(calls);
    return lines.get(lines.size() - 1);
  }

  @Test
  void everyBootstrapServerIsTheBrokersInternalListener() {
    Compose compose = Compose.read();
    Map<String, String> kafka = compose.environment("kafka");
    String internal = kafka.get("KAFKA_INTER_BROKER_LISTENER_NAME");
    String advertised = listener(kafka.get("KAFKA_ADVERTISED_LISTENERS"), internal);
    String host = advertised.substring(0, advertised.lastIndexOf(':'));
    String port = advertised.substring(advertised.lastIndexOf(':') + 1);
    assertTrue(
        host.equals("kafka") || host.equals(compose.service("kafka").path("hostname").asText()),
        "the internal listener " + advertised + " must name the kafka service");
    assertEquals(
        ":" + port,
        listener(kafka.get("KAFKA_LISTENERS"), internal),
        "listener and advertised port");

    Map<String, String> bootstrap = new TreeMap<>();
    for (String service : compose.kafkaClients()) {
      List<String> command = compose.command(service);
      int i = command.indexOf("--bootstrap-servers");
      assertTrue(i >= 0, service + " names no --bootstrap-servers (its default is localhost)");
      bootstrap.put(service, command.get(i + 1));
    }
    bootstrap.forEach(
        (service, servers) -> assertEquals(advertised, servers, service + " --bootstrap-servers"));
  }

  @Test
  void topicsAreTheDefaultsTheTopicsServiceCreates() {
    Compose compose = Compose.read();
    assertEquals(List.of("topics"), compose.command("topics").subList(0, 1));
    assertEquals("false", compose.environment("kafka").get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
    Set<String> defaults =
        new TreeSet<>(TopicNames.defaults().all().stream().map(TopicSpec::name).toList());

    CommandLine cli = AsperityJob.commandLine();
    List<String> job = compose.command("job");
    cli.parseArgs(job.subList(1, job.size()).toArray(String[]::new));
    assertEquals(TopicNames.defaults(), ((AsperityJob) cli.getCommand()).options().topics());

    for (String service : compose.asperityServices()) {
      CommandLine.ParseResult parsed =
          deepest(
              Asperity.commandLine().parseArgs(compose.command(service).toArray(String[]::new)));
      for (OptionSpec option : parsed.commandSpec().options()) {
        // --source-topic names an archive to replay from, not one of the system's streams.
        if (option.longestName().endsWith("topic")
            && !option.longestName().equals("--source-topic")
            && option.getValue() != null) {
          assertTrue(
              defaults.contains(option.getValue().toString()),
              service
                  + " "
                  + option.longestName()
                  + " "
                  + option.getValue()
                  + " is none of "
                  + defaults);
        }
      }
    }
    // Topics are not auto-created: every client waits for the topics service.
    for (String service : compose.kafkaClients()) {
      if (!service.equals("topics")) {
        assertEquals(
            "service_completed_successfully",
            compose.service(service).path("depends_on").path("topics").path("condition").asText(),
            service + " must start after the topics service created the topics");
      }
    }
  }

  // --- metrics ---------------------------------------------------------------------------------

  @Test
  void everyPrometheusTargetIsAPortItsServiceServesAndExposes() throws IOException {
    Compose compose = Compose.read();
    Map<String, Map<Integer, String>> served = servedMetricsPorts(compose);
    JsonNode prometheus =
        YAML.readTree(ROOT.resolve("dashboards/prometheus/prometheus.yml").toFile());
    List<String> targets = new ArrayList<>();
    prometheus
        .path("scrape_configs")
        .forEach(
            job ->
                job.path("static_configs")
                    .forEach(
                        config -> config.path("targets").forEach(t -> targets.add(t.asText()))));
    assertFalse(targets.isEmpty(), "prometheus.yml has no targets");
    for (String target : targets) {
      String host = target.substring(0, target.lastIndexOf(':'));
      int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
      assertTrue(compose.services().contains(host), target + ": no compose service " + host);
      String what = served.getOrDefault(host, Map.of()).get(port);
      assertNotNull(
          what,
          target + ": " + host + " serves metrics only on " + served.getOrDefault(host, Map.of()));
      assertFalse(what.startsWith("loopback"), target + ": " + what);
      assertTrue(
          compose.declaredPorts(host).contains(port),
          target
              + ": "
              + host
              + " declares only ports "
              + compose.declaredPorts(host)
              + " (expose or ports)");
    }
    assertTrue(
        compose.volumes("prometheus").containsKey("/etc/prometheus/prometheus.yml"),
        "Prometheus reads /etc/prometheus/prometheus.yml");

    // The live page reads the job's endpoint.
    List<String> web = compose.command("web");
    URI metricsUrl = URI.create(web.get(web.indexOf("--metrics-url") + 1));
    assertNotNull(
        served.getOrDefault(metricsUrl.getHost(), Map.of()).get(metricsUrl.getPort()),
        "web --metrics-url " + metricsUrl + " is no endpoint the compose serves");
  }

  /**
   * Service -> port -> what serves there; "loopback ..." when it listens where others cannot reach.
   */
  private static Map<String, Map<Integer, String>> servedMetricsPorts(Compose compose) {
    Map<String, Map<Integer, String>> served = new HashMap<>();
    for (String service : compose.flinkServices()) {
      Map<String, String> properties = compose.flinkProperties(service);
      assertEquals(
          "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
          properties.get("metrics.reporter.prom.factory.class"),
          service);
      served
          .computeIfAbsent(service, s -> new HashMap<>())
          .put(
              Integer.parseInt(properties.get("metrics.reporter.prom.port")),
              "Flink's Prometheus reporter");
    }
    for (String service : compose.asperityServices()) {
      CommandLine.ParseResult parsed =
          deepest(
              Asperity.commandLine().parseArgs(compose.command(service).toArray(String[]::new)));
      OptionSpec port = parsed.commandSpec().findOption("--metrics-port");
      OptionSpec bind = parsed.commandSpec().findOption("--metrics-bind");
      if (port != null && bind != null) {
        Object address = bind.getValue();
        String where =
            LOOPBACK.contains(address.toString())
                ? "loopback: --metrics-bind " + address + " is unreachable from Prometheus"
                : "Micrometer";
        served.computeIfAbsent(service, s -> new HashMap<>()).put(port.getValue(), where);
      }
    }
    // The job's endpoint runs in every TaskManager, where its operators run.
    CommandLine.ParseResult job =
        AsperityJob.commandLine()
            .parseArgs(compose.command("job").stream().skip(1).toArray(String[]::new));
    Object jobBindValue = job.commandSpec().findOption("--metrics-bind").getValue();
    String jobBind = jobBindValue.toString();
    int jobPort = job.commandSpec().findOption("--metrics-port").getValue();
    for (String service : compose.flinkServices()) {
      if (compose.command(service).equals(List.of("taskmanager"))) {
        served
            .get(service)
            .put(
                jobPort,
                LOOPBACK.contains(jobBind)
                    ? "loopback: the job's --metrics-bind "
                        + jobBind
                        + " is unreachable from Prometheus"
                    : "the job");
      }
    }
    return served;
  }

  /**
   * The reporter jar ships in the distribution's plugins/metrics-prometheus/ (flink-dist's
   * plugins.xml), where Flink loads it unasked; the image's entrypoint would link an
   * ENABLE_BUILT_IN_PLUGINS jar from opt/ and exit when opt/ lacks it. The TaskManager's
   * healthcheck reads the reporter's port, so a reporter that fails to load shows as unhealthy.
   */
  @Test
  void flinksPrometheusReporterIsTheBuiltInPluginWithNothingToEnable() {
    Compose compose = Compose.read();
    assertEquals(List.of("jobmanager", "taskmanager"), compose.flinkServices());
    for (String service : compose.flinkServices()) {
      assertFalse(
          compose.environment(service).containsKey("ENABLE_BUILT_IN_PLUGINS"),
          service + ": the reporter is already in plugins/; the entrypoint looks for it in opt/");
      Map<String, String> properties = compose.flinkProperties(service);
      assertEquals(
          "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
          properties.get("metrics.reporter.prom.factory.class"));
    }
    String reporterPort = compose.flinkProperties("taskmanager").get("metrics.reporter.prom.port");
    assertEquals(
        URI.create("http://localhost:" + reporterPort + "/"),
        compose.healthcheckUrl("taskmanager"),
        "the TaskManager is healthy once its reporter answers");
    assertTrue(
        read(ROOT.resolve("docker-compose.yml")).contains("plugins/metrics-prometheus/"),
        "docker-compose.yml records where the distribution puts the reporter");
  }

  // --- profiles, volumes, healthchecks ----------------------------------------------------------

  @Test
  void withoutAProfileTheStackHasNoDataSource() {
    Compose compose = Compose.read();
    assertEquals(List.of("simulator"), compose.profiles("simulator"));
    assertEquals(List.of("replay"), compose.profiles("replay"));
    List<String> always =
        compose.services().stream().filter(s -> compose.profiles(s).isEmpty()).toList();
    for (String service : always) {
      if (compose.asperityServices().contains(service)) {
        String subcommand = compose.command(service).get(0);
        assertFalse(
            List.of("simulate", "replay", "demo").contains(subcommand),
            service + " (" + subcommand + ") writes observations without a profile");
      }
      // Compose refuses to start a service whose dependency's profile is not enabled.
      for (String dependency : compose.dependencies(service)) {
        assertTrue(
            compose.profiles(dependency).isEmpty(),
            service + " depends on " + dependency + ", which runs only with a profile");
      }
    }
    String readme = read(ROOT.resolve("README.md"));
    assertTrue(
        readme.contains("docker compose --profile simulator up"),
        "README names the command that starts the simulator");
  }

  @Test
  void kafkaAndPrometheusKeepTheirDataOnNamedVolumes() {
    Compose compose = Compose.read();
    Set<String> declared = new TreeSet<>();
    compose.root().path("volumes").fieldNames().forEachRemaining(declared::add);

    String kafkaData = compose.environment("kafka").get("KAFKA_LOG_DIRS");
    assertNotNull(kafkaData, "kafka: KAFKA_LOG_DIRS (the image's default is under /tmp)");
    String kafkaVolume = compose.namedVolumeHolding("kafka", kafkaData);
    assertNotNull(kafkaVolume, "kafka: " + kafkaData + " is on no named volume");

    // Prometheus' image stores its samples in /prometheus unless --storage.tsdb.path moves them.
    assertFalse(
        compose.service("prometheus").has("command"),
        "prometheus: a command would replace the image's --storage.tsdb.path=/prometheus");
    String prometheusVolume = compose.namedVolumeHolding("prometheus", "/prometheus");
    assertNotNull(prometheusVolume, "prometheus: /prometheus is on no named volume");

    for (String volume : List.of(kafkaVolume, prometheusVolume)) {
      assertTrue(declared.contains(volume), volume + " is not under the top-level volumes:");
    }
    for (JsonNode v : compose.service("kafka").path("volumes")) {
      assertFalse(v.asText().endsWith(":ro"), "kafka writes its data: " + v.asText());
    }
    for (String service : compose.services()) {
      for (JsonNode v : compose.service(service).path("volumes")) {
        String source = v.asText().split(":")[0];
        assertTrue(
            source.startsWith(".") || source.startsWith("/") || declared.contains(source),
            service + " mounts " + source + ", which is no declared volume");
        assertTrue(v.asText().contains(":"), service + ": an anonymous volume " + v.asText());
      }
    }
  }

  /**
   * Every service that keeps running has a healthcheck on what it serves, with a tool its image
   * has; the one-shot services wait for the health of what they need.
   */
  @Test
  void everyLongRunningServiceHasAHealthcheckTheOneShotsWaitFor() {
    Compose compose = Compose.read();
    Set<String> oneShots = Set.of("topics", "job", "replay");
    for (String service : compose.services()) {
      JsonNode test = compose.service(service).path("healthcheck").path("test");
      if (oneShots.contains(service)) {
        continue;
      }
      assertTrue(test.isArray() && test.size() == 2, service + " has no healthcheck");
      assertEquals("CMD-SHELL", test.get(0).asText(), service);
      String check = test.get(1).asText();
      if (service.equals("kafka")) {
        assertTrue(check.startsWith("/opt/kafka/bin/kafka-broker-api-versions.sh "), check);
        URI bootstrap =
            URI.create("tcp://" + check.replaceAll(".*--bootstrap-server\\s+(\\S+).*", "$1"));
        assertTrue(
            compose.declaredPorts("kafka").contains(bootstrap.getPort()),
            "kafka listens on " + compose.declaredPorts("kafka") + ", not " + bootstrap);
        continue;
      }
      // wget: in eclipse-temurin's Ubuntu images (Flink, Asperity), busybox (Prometheus), Alpine
      // (Grafana); -q -O /dev/null is the form both GNU and busybox wget read.
      assertTrue(check.startsWith("wget -q -O /dev/null http://localhost:"), check);
      URI url = compose.healthcheckUrl(service);
      assertTrue(
          compose.declaredPorts(service).contains(url.getPort()),
          service
              + " checks port "
              + url.getPort()
              + " but declares "
              + compose.declaredPorts(service));
    }
    assertEquals("/overview", compose.healthcheckUrl("jobmanager").getPath());
    assertEquals("/-/healthy", compose.healthcheckUrl("prometheus").getPath());
    assertEquals("/api/health", compose.healthcheckUrl("grafana").getPath());
    assertTrue(
        read(ROOT.resolve("web/src/main/java/org/asperity/web/WebServer.java"))
            .contains("\"" + compose.healthcheckUrl("web").getPath() + "\""),
        "the web server serves " + compose.healthcheckUrl("web"));

    for (String needed : List.of("jobmanager", "taskmanager")) {
      assertEquals(
          "service_healthy",
          compose.service("job").path("depends_on").path(needed).path("condition").asText(),
          "job submits once " + needed + " is healthy");
    }
    assertEquals(
        "service_healthy",
        compose.service("topics").path("depends_on").path("kafka").path("condition").asText());
  }

  @Test
  void grafanaMountsWhatItsProvisioningReads() throws IOException {
    Compose compose = Compose.read();
    Map<String, Path> mounts = compose.volumes("grafana");
    Path provisioning = mounts.get("/etc/grafana/provisioning");
    assertNotNull(
        provisioning, "Grafana reads its provisioning from /etc/grafana/provisioning: " + mounts);
    List<Path> providers = yamlFiles(provisioning.resolve("dashboards"));
    assertFalse(providers.isEmpty(), "no dashboard providers in " + provisioning);
    for (Path file : providers) {
      for (JsonNode provider : YAML.readTree(file.toFile()).path("providers")) {
        String path = provider.path("options").path("path").asText();
        Path host = hostPath(mounts, path);
        assertNotNull(
            host,
            file + " reads " + path + ", which no volume of grafana provides: " + mounts.keySet());
        assertTrue(Files.isDirectory(host), host + " (mounted at " + path + ") does not exist");
        try (Stream<Path> dashboards = Files.list(host)) {
          assertTrue(
              dashboards.anyMatch(p -> p.toString().endsWith(".json")), "no dashboard in " + host);
        }
      }
    }
    for (Path file : yamlFiles(provisioning.resolve("datasources"))) {
      for (JsonNode source : YAML.readTree(file.toFile()).path("datasources")) {
        URI url = URI.create(source.path("url").asText());
        assertTrue(
            compose.declaredPorts(url.getHost()).contains(url.getPort()),
            file + ": " + url + " is no port of a compose service");
      }
    }
  }

  // --- files and images ------------------------------------------------------------------------

  @Test
  void everyFileTheComposeMountsOrTheDockerfileCopiesExists() {
    Compose compose = Compose.read();
    for (String service : compose.services()) {
      compose
          .volumes(service)
          .forEach(
              (container, host) -> {
                if (host != null) {
                  assertTrue(
                      Files.exists(host),
                      service + " mounts " + host + " at " + container + ", which does not exist");
                }
              });
    }
    Dockerfile dockerfile = Dockerfile.read();
    List<String> builtModules = dockerfile.builtModules();
    for (Dockerfile.Copy copy : dockerfile.allCopies()) {
      for (String source : copy.sources()) {
        if (copy.from() == null) {
          assertTrue(
              source.equals(".") || Files.exists(ROOT.resolve(source)),
              "COPY " + source + " does not exist");
        } else if (source.startsWith("/src/")) {
          String module = source.substring("/src/".length()).split("/")[0];
          assertTrue(
              Files.exists(ROOT.resolve(module).resolve("pom.xml")),
              "COPY " + source + ": no module " + module);
          assertTrue(
              builtModules.contains(module),
              "COPY " + source + ": the build stage packages only " + builtModules);
        }
      }
    }
    for (String service : compose.services()) {
      String target = compose.buildTarget(service);
      if (target != null) {
        assertTrue(
            dockerfile.stages().containsKey(target),
            service + " builds stage " + target + ", not in the Dockerfile");
      }
    }
    Dockerfile.Copy entrypoint = dockerfile.copyTo("asperity", dockerfile.entrypoint("asperity"));
    assertTrue(
        Files.isExecutable(ROOT.resolve(entrypoint.sources().get(0))),
        entrypoint + " must be executable");
  }

  @Test
  void thirdPartyImagesArePinned() {
    Compose compose = Compose.read();
    Dockerfile dockerfile = Dockerfile.read();
    List<String> images = new ArrayList<>();
    for (String service : compose.services()) {
      if (compose.service(service).path("build").isMissingNode()) {
        images.add(compose.service(service).path("image").asText());
      }
    }
    dockerfile.stages().values().stream()
        .map(Dockerfile.Stage::base)
        .filter(base -> !dockerfile.stages().containsKey(base))
        .forEach(images::add);
    for (String image : images) {
      int colon = image.lastIndexOf(':');
      assertTrue(
          colon > image.lastIndexOf('/') && !image.substring(colon + 1).equals("latest"),
          image + " is not pinned to a version tag");
    }
    String flinkVersion = xmlValue(read(ROOT.resolve("pom.xml")), "flink.version");
    dockerfile.stages().values().stream()
        .filter(s -> s.base().startsWith("flink:"))
        .forEach(
            s ->
                assertTrue(
                    s.base().startsWith("flink:" + flinkVersion),
                    s.base() + " is not the job's Flink " + flinkVersion));
  }

  // --- the Flink cluster -------------------------------------------------------------------------

  @Test
  void flinkClusterIsSetUpForTheJob() {
    Compose compose = Compose.read();
    Dockerfile dockerfile = Dockerfile.read();
    List<String> flink = compose.flinkServices();
    assertEquals(
        Set.of(List.of("jobmanager"), List.of("taskmanager")),
        Set.copyOf(flink.stream().map(compose::command).toList()),
        "one JobManager and TaskManagers");
    String checkpointVolume = null;
    int slots = 0;
    for (String service : flink) {
      Map<String, String> properties = compose.flinkProperties(service);
      // ONNX Runtime's native library loads once per JVM: from Flink's lib/, parent-first.
      String stage = compose.buildTarget(service);
      assertNotNull(
          stage, service + " must run the Dockerfile's Flink image with ONNX Runtime in lib/");
      assertTrue(
          dockerfile.copies(stage).stream()
              .anyMatch(
                  c ->
                      c.destination().startsWith("/opt/flink/lib")
                          && c.sources().stream().anyMatch(s -> s.contains("onnxruntime"))),
          "stage " + stage + " must copy the onnxruntime jar into /opt/flink/lib");
      assertTrue(
          List.of(
                  properties
                      .getOrDefault("classloader.parent-first-patterns.additional", "")
                      .split(";"))
              .contains("ai.onnxruntime"),
          service + ": ai.onnxruntime must load parent-first");

      // Checkpoints and savepoints on one volume that JobManager and TaskManagers share.
      for (String key :
          List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir")) {
        URI dir = URI.create(properties.getOrDefault(key, "missing:" + key));
        assertEquals("file", dir.getScheme(), service + " " + key);
        String volume = compose.namedVolumeHolding(service, dir.getPath());
        assertNotNull(volume, service + ": " + key + " " + dir + " is on no named volume");
        assertTrue(
            checkpointVolume == null || checkpointVolume.equals(volume),
            "one checkpoint volume for all");
        checkpointVolume = volume;
        String mountPoint = compose.mountPointOf(service, volume);
        assertTrue(
            dockerfile.runs(stage).stream()
                .anyMatch(r -> r.contains("chown") && r.contains(mountPoint)),
            "stage "
                + stage
                + " must give "
                + mountPoint
                + " to the flink user (a fresh volume takes its owner)");
      }
      if (compose.command(service).equals(List.of("taskmanager"))) {
        slots += Integer.parseInt(properties.get("taskmanager.numberOfTaskSlots"));
        assertEquals("1", compose.environment(service).get("ORT_DISABLE_TELEMETRY"), service);
        assertTrue(
            List.of(properties.getOrDefault("env.java.opts.taskmanager", "").split("\\s+"))
                .contains(
                    "-Dorg.apache.avro.SERIALIZABLE_PACKAGES="
                        + GnssObservation.class.getPackageName()),
            service + " must trust the schemas' package for Avro");
      }
    }
    assertTrue(
        compose.root().path("volumes").has(checkpointVolume),
        "volume " + checkpointVolume + " is not declared");
    CommandLine.ParseResult job =
        AsperityJob.commandLine()
            .parseArgs(compose.command("job").stream().skip(1).toArray(String[]::new));
    int parallelism = job.commandSpec().findOption("--parallelism").getValue();
    assertTrue(
        parallelism <= slots,
        "the job's parallelism " + parallelism + " needs more than the " + slots + " slots");
    // The TaskManagers keep Flink's default managed memory (a fraction of their process size), so
    // the job may run with --state-backend rocksdb (RocksDB's caches live there) as well as
    // hashmap.
    for (String service : flink) {
      if (compose.command(service).equals(List.of("taskmanager"))) {
        String managed = compose.flinkProperties(service).get("taskmanager.memory.managed.size");
        assertTrue(
            managed == null || MemorySize.parse(managed).getBytes() > 0,
            service + ": no managed memory leaves RocksDB none");
      }
    }

    // The launcher's image: the same two settings.
    assertTrue(dockerfile.stages().get("asperity").env().contains("ORT_DISABLE_TELEMETRY=1"));
    Dockerfile.Copy entrypoint = dockerfile.copyTo("asperity", dockerfile.entrypoint("asperity"));
    assertTrue(
        read(ROOT.resolve(entrypoint.sources().get(0)))
            .contains(
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES="
                    + GnssObservation.class.getPackageName()));
  }

  @Test
  void flinkPropertiesSurviveTheImagesEntrypoint() {
    Compose compose = Compose.read();
    for (String service : compose.flinkServices()) {
      // Throws on the forms the Flink 2.x entrypoint mangles.
      Map<String, String> properties = compose.flinkProperties(service);
      List<String> keys = new ArrayList<>(properties.keySet());
      for (String a : keys) {
        for (String b : keys) {
          // The entrypoint nests dotted keys into config.yaml: a key that is a path prefix of
          // another breaks it.
          assertFalse(b.startsWith(a + "."), service + ": " + a + " is a prefix of " + b);
        }
      }
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static CommandLine.ParseResult deepest(CommandLine.ParseResult result) {
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result;
  }

  /** HOST:PORT of listener {@code name} in a Kafka listener list (NAME://HOST:PORT,...). */
  private static String listener(String listeners, String name) {
    for (String l : listeners.split(",")) {
      if (l.startsWith(name + "://")) {
        return l.substring(name.length() + 3);
      }
    }
    throw new AssertionError("no listener " + name + " in " + listeners);
  }

  private static Path hostPath(Map<String, Path> mounts, String containerPath) {
    for (Map.Entry<String, Path> m : mounts.entrySet()) {
      if (m.getValue() != null
          && (containerPath.equals(m.getKey()) || containerPath.startsWith(m.getKey() + "/"))) {
        return m.getValue()
            .resolve(containerPath.substring(m.getKey().length()).replaceFirst("^/", ""));
      }
    }
    return null;
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }

  private static String xmlValue(String xml, String element) {
    Matcher m = Pattern.compile("<" + Pattern.quote(element) + ">([^<]+)</").matcher(xml);
    if (!m.find()) {
      throw new AssertionError("no <" + element + ">");
    }
    return m.group(1).trim();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /**
   * Compose's ${VAR:-default}: the default (what runs without an .env file); ${VAR} alone is an
   * error here.
   */
  private static String interpolate(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      if (m.group(2) == null) {
        fail("${" + m.group(1) + "} has no default: " + value);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2)));
    }
    return m.appendTail(out).toString();
  }

  /**
   * docker-compose.yml, read with SnakeYAML because Jackson's YAML parser does not resolve merge
   * keys ({@code <<}).
   */
  private record Compose(JsonNode root) {
    static Compose read() {
      try (Reader in = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
        return new Compose(JSON.valueToTree(new Yaml().load(in)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    List<String> services() {
      List<String> names = new ArrayList<>();
      root.path("services").fieldNames().forEachRemaining(names::add);
      return names;
    }

    JsonNode service(String name) {
      JsonNode s = root.path("services").path(name);
      assertFalse(s.isMissingNode(), "no service " + name);
      return s;
    }

    String buildTarget(String service) {
      JsonNode target = service(service).path("build").path("target");
      return target.isMissingNode() ? null : target.asText();
    }

    List<String> asperityServices() {
      return services().stream().filter(s -> "asperity".equals(buildTarget(s))).toList();
    }

    /** JobManager and TaskManagers: the services whose command is Flink's. */
    List<String> flinkServices() {
      return services().stream()
          .filter(s -> List.of(List.of("jobmanager"), List.of("taskmanager")).contains(command(s)))
          .toList();
    }

    /** The services that talk to Kafka: every launcher service and the job. */
    List<String> kafkaClients() {
      List<String> clients = new ArrayList<>(asperityServices());
      clients.add("job");
      return clients;
    }

    List<String> command(String service) {
      JsonNode command = service(service).path("command");
      if (command.isTextual()) {
        return Arrays.stream(command.asText().trim().split("\\s+"))
            .map(ComposeConfigurationTest::interpolate)
            .toList();
      }
      List<String> args = new ArrayList<>();
      command.forEach(a -> args.add(interpolate(a.asText())));
      return args;
    }

    Map<String, String> environment(String service) {
      Map<String, String> env = new LinkedHashMap<>();
      service(service)
          .path("environment")
          .properties()
          .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
      return env;
    }

    /**
     * FLINK_PROPERTIES as Flink 2.x's image reads it: each line "key: value" with all whitespace
     * deleted, so a comment line becomes a bogus key and a value with spaces is glued together.
     */
    Map<String, String> flinkProperties(String service) {
      Map<String, String> properties = new LinkedHashMap<>();
      String block = environment(service).getOrDefault("FLINK_PROPERTIES", "");
      for (String line : block.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        assertFalse(
            line.strip().startsWith("#"),
            service + " FLINK_PROPERTIES: comment lines become keys: " + line);
        int colon = line.indexOf(':');
        assertTrue(colon > 0, service + " FLINK_PROPERTIES: not key: value: " + line);
        String key = line.substring(0, colon).strip();
        String value = line.substring(colon + 1).strip();
        assertFalse(
            value.isEmpty() || value.matches(".*\\s.*"),
            service + " FLINK_PROPERTIES: the entrypoint deletes the spaces in '" + value + "'");
        assertTrue(
            properties.put(key, value) == null, service + " FLINK_PROPERTIES: " + key + " twice");
      }
      return properties;
    }

    List<String> profiles(String service) {
      List<String> profiles = new ArrayList<>();
      service(service).path("profiles").forEach(p -> profiles.add(p.asText()));
      return profiles;
    }

    /** The services {@code service} depends on (depends_on as a list or a map). */
    List<String> dependencies(String service) {
      JsonNode dependsOn = service(service).path("depends_on");
      List<String> names = new ArrayList<>();
      if (dependsOn.isArray()) {
        dependsOn.forEach(d -> names.add(d.asText()));
      } else {
        dependsOn.fieldNames().forEachRemaining(names::add);
      }
      return names;
    }

    /** The URL a service's wget healthcheck reads. */
    URI healthcheckUrl(String service) {
      String check = service(service).path("healthcheck").path("test").path(1).asText();
      Matcher url = Pattern.compile("http://\\S+").matcher(check);
      assertTrue(url.find(), service + ": no URL in its healthcheck " + check);
      return URI.create(url.group());
    }

    /** Container path -> host path (null for a named volume's mount). */
    Map<String, Path> volumes(String service) {
      Map<String, Path> mounts = new LinkedHashMap<>();
      for (JsonNode v : service(service).path("volumes")) {
        String[] parts = interpolate(v.asText()).split(":");
        assertTrue(parts.length >= 2, service + ": an anonymous volume " + v.asText());
        mounts.put(
            parts[1],
            parts[0].startsWith(".") || parts[0].startsWith("/")
                ? ROOT.resolve(parts[0]).normalize()
                : null);
      }
      return mounts;
    }

    /** The named volume whose mount in {@code service} holds {@code path}, or null. */
    String namedVolumeHolding(String service, String path) {
      for (JsonNode v : service(service).path("volumes")) {
        String[] parts = v.asText().split(":");
        if (!parts[0].startsWith(".")
            && !parts[0].startsWith("/")
            && (path.equals(parts[1]) || path.startsWith(parts[1] + "/"))) {
          return parts[0];
        }
      }
      return null;
    }

    String mountPointOf(String service, String volume) {
      for (JsonNode v : service(service).path("volumes")) {
        String[] parts = v.asText().split(":");
        if (parts[0].equals(volume)) {
          return parts[1];
        }
      }
      throw new AssertionError(service + " does not mount " + volume);
    }

    /**
     * Container ports a service declares: {@code expose}, and the container side of {@code ports}.
     */
    Set<Integer> declaredPorts(String service) {
      Set<Integer> ports = new TreeSet<>();
      if (!root.path("services").has(service)) {
        return ports;
      }
      service(service).path("expose").forEach(p -> ports.add(Integer.parseInt(p.asText())));
      service(service)
          .path("ports")
          .forEach(
              p -> {
                String[] parts = p.asText().split(":");
                ports.add(Integer.parseInt(parts[parts.length - 1].split("/")[0]));
              });
      return ports;
    }
  }

  /** The Dockerfile's stages and the instructions the checks need (no line continuations in it). */
  private record Dockerfile(Map<String, Stage> stages, List<String> mavenBuild) {
    record Copy(String from, List<String> sources, String destination) {}

    record Stage(
        String name,
        String base,
        List<Copy> copies,
        List<String> runs,
        List<String> env,
        String entrypoint) {}

    static Dockerfile read() {
      Map<String, Stage> stages = new LinkedHashMap<>();
      List<String> maven = new ArrayList<>();
      String name = null;
      String base = null;
      List<Copy> copies = null;
      List<String> runs = null;
      List<String> env = null;
      String entrypoint = null;
      List<String> lines =
          new ArrayList<>(
              List.of(ComposeConfigurationTest.read(ROOT.resolve("Dockerfile")).split("\n")));
      lines.add("FROM end");
      for (String raw : lines) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        assertFalse(line.endsWith("\\"), "line continuations are not read by this test: " + line);
        List<String> words = List.of(line.split("\\s+"));
        switch (words.get(0).toUpperCase()) {
          case "FROM" -> {
            if (name != null) {
              stages.put(name, new Stage(name, base, copies, runs, env, entrypoint));
            }
            base = words.get(1);
            name = words.size() > 3 ? words.get(3) : words.get(1);
            copies = new ArrayList<>();
            runs = new ArrayList<>();
            env = new ArrayList<>();
            entrypoint = null;
          }
          case "COPY" -> {
            String from = null;
            List<String> args = new ArrayList<>();
            for (String w : words.subList(1, words.size())) {
              if (w.startsWith("--from=")) {
                from = w.substring("--from=".length());
              } else if (!w.startsWith("--")) {
                args.add(w);
              }
            }
            copies.add(new Copy(from, args.subList(0, args.size() - 1), args.get(args.size() - 1)));
          }
          case "RUN" -> {
            runs.add(line.substring(4));
            if (words.contains("mvn")) {
              maven.addAll(words);
            }
          }
          case "ENV" -> env.addAll(words.subList(1, words.size()));
          case "ENTRYPOINT" -> entrypoint = line.replaceAll(".*\\[\\s*\"([^\"]+)\".*", "$1");
          default -> {}
        }
      }
      return new Dockerfile(stages, maven);
    }

    List<Copy> copies(String stage) {
      List<Copy> all = new ArrayList<>();
      // A stage built FROM another inherits its files.
      for (Stage s = stages.get(stage); s != null; s = stages.get(s.base())) {
        all.addAll(s.copies());
        if (s.base().equals(s.name())) {
          break;
        }
      }
      return all;
    }

    List<String> runs(String stage) {
      List<String> all = new ArrayList<>();
      for (Stage s = stages.get(stage);
          s != null && !s.base().equals(s.name());
          s = stages.get(s.base())) {
        all.addAll(s.runs());
      }
      return all;
    }

    List<Copy> allCopies() {
      return stages.values().stream().flatMap(s -> s.copies().stream()).toList();
    }

    Copy copyTo(String stage, String destination) {
      return copies(stage).stream()
          .filter(c -> c.destination().equals(destination))
          .findFirst()
          .orElseThrow(
              () -> new AssertionError("stage " + stage + " copies nothing to " + destination));
    }

    String entrypoint(String stage) {
      return stages.get(stage).entrypoint();
    }

    /**
     * The modules the build stage packages (-pl), which is where COPY --from=build can take files.
     */
    List<String> builtModules() {
      int pl = mavenBuild.indexOf("-pl");
      assertTrue(pl >= 0, "the build stage's mvn names no -pl");
      return List.of(mavenBuild.get(pl + 1).split(","));
    }
  }
}
