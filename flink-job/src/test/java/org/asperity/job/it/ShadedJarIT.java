package org.asperity.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.asperity.features.FeatureConfig;
import org.asperity.features.RegionLayout;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.job.testing.TestRegion;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar runs on nothing but what a Flink installation provides: a separate JVM whose
 * class path is the jar plus Flink's own (provided-scope) artifacts runs {@code AsperityJob}'s
 * main, as {@code flink run} would, on a local environment against the embedded broker, and the job
 * forecasts. Catches a dependency missing from the jar, an unmerged service file, a wrong main
 * class.
 */
class ShadedJarIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @Test
  void theJobJarCarriesNeitherBenchmarksNorModelBuilding() throws Exception {
    Path jar = Path.of(System.getProperty("job.jar"));
    assertTrue(
        Files.isRegularFile(jar), "the shaded jar is built before the integration tests: " + jar);
    // Benchmarks and the synthetic-model builder (with the ONNX protobuf classes it needs) live in
    // their own modules, so that the job a cluster runs carries only what it runs.
    List<String> strays;
    try (JarFile file = new JarFile(jar.toFile())) {
      strays =
          file.stream()
              .map(JarEntry::getName)
              .filter(
                  n ->
                      n.startsWith("org/asperity/bench/")
                          || n.startsWith("org/asperity/synthetic/")
                          || n.startsWith("ai/onnx/proto/")
                          || (n.startsWith("org/asperity/") && n.contains("/bench/")))
              .toList();
    }
    assertEquals(List.of(), strays);
  }

  @Test
  void theJobJarRunsOnAFlinkClassPath(EmbeddedKafkaBroker broker, @TempDir Path dir)
      throws Exception {
    TopicNames topics = TopicNames.defaults();
    TestKafka kafka = new TestKafka(broker);
    TestKafka.createTopics(broker, topics, 2);
    RegionLayout layout = TestRegion.layout(3, 3, 7);
    FeatureConfig config = TestRegion.CONFIG;
    List<TestKafka.Outgoing> records = new ArrayList<>();
    for (GnssObservation o : SyntheticStream.generate(layout, List.of("net-a"), 40, 2)) {
      records.add(
          new TestKafka.Outgoing(
              topics.observations(),
              (o.getNetwork() + "/" + o.getStation()).getBytes(),
              Codecs.GNSS_OBSERVATION.encode(o)));
    }
    kafka.write(records);
    Path model = dir.resolve("model.onnx");
    Files.write(model, TestModels.rateSensitive(layout, config, "jar-1", 25f));

    Path jar = Path.of(System.getProperty("job.jar"));
    assertTrue(
        Files.isRegularFile(jar), "the shaded jar is built before the integration tests: " + jar);
    String flink =
        Files.readString(Path.of(System.getProperty("flink.provided.classpath"))).strip()
            + File.pathSeparator
            + Files.readString(Path.of(System.getProperty("flink.logging.classpath"))).strip();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-Dasperity.cache=" + System.getProperty("asperity.cache"),
                "-Dlog4j2.configurationFile="
                    + Path.of("src/test/resources/log4j2-test.xml").toAbsolutePath()));
    for (String p :
        List.of(
            "java.lang",
            "java.net",
            "java.io",
            "java.nio",
            "sun.nio.ch",
            "java.lang.reflect",
            "java.text",
            "java.time",
            "java.util",
            "java.util.concurrent",
            "java.util.concurrent.atomic",
            "java.util.concurrent.locks")) {
      command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
    }
    command.addAll(
        List.of(
            "-cp",
            jar + File.pathSeparator + flink,
            "org.asperity.job.AsperityJob",
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--bounded",
            "--starting-offsets",
            "earliest",
            "--model",
            model.toString(),
            "--metrics-port",
            "-1",
            "--checkpoint-interval",
            "1s",
            "--restart-attempts",
            "1",
            "--max-out-of-orderness",
            "0s"));
    Path log = dir.resolve("job.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
    Process process = builder.start();
    boolean finished = process.waitFor(4, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(finished, "the job did not finish in time:\n" + output);
    assertEquals(0, process.exitValue(), output);
    var forecasts = org.asperity.job.testing.JobRuns.forecasts(kafka, topics.forecasts());
    assertEquals(1, forecasts.size(), output);
    assertTrue(forecasts.get("net-a").size() >= 39, "a forecast per day:\n" + output);
    forecasts.get("net-a").values().forEach(f -> assertEquals("jar-1", f.getModelVersion()));
  }
}
