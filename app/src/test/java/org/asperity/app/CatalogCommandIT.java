package org.asperity.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.EventSource;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./asperity catalog import} on a real USGS response, into a real broker. */
class CatalogCommandIT {
  @RegisterExtension
  static final EmbeddedKafkaExtension KAFKA =
      new EmbeddedKafkaExtension(EmbeddedKafkaBroker.builder());

  @TempDir Path dir;

  private Path copy(String resource) throws Exception {
    Path file = dir.resolve(resource);
    try (InputStream in = getClass().getResourceAsStream("/quakeml/" + resource)) {
      Files.copy(in, file);
    }
    return file;
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Asperity.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void importsTheRegionsEventsAndNamesTheRefusals() throws Exception {
    Path usgs = copy("usgs_2016-12_M5.85.qml");
    Run run =
        run(
            "catalog",
            "import",
            usgs.toString(),
            "--region",
            "solomon",
            "--bounds",
            "-12,-9,160,163",
            "--topic",
            "catalog.solomon",
            "--bootstrap-servers",
            KAFKA.broker().bootstrapServers());
    assertEquals(0, run.exit(), run.err());
    assertTrue(
        run.out().contains("9 events read, 4 accepted for region solomon, 5 refused"), run.out());
    assertTrue(run.out().contains("refused OUTSIDE_REGION: 5"), run.out());

    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.broker().bootstrapServers());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "catalog-command-it");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("catalog.solomon"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                return read.size() >= 4;
              });
    }
    assertEquals(4, read.size());
    EarthquakeEvent main = Codecs.EARTHQUAKE_EVENT.decode(read.get(0).value());
    assertEquals("solomon", new String(read.get(0).key(), StandardCharsets.UTF_8));
    assertEquals(EventSource.CATALOG, main.getSource());
    assertEquals(Instant.parse("2016-12-08T17:38:46.280Z"), main.getOnset());
    assertEquals(7.8, main.getMomentMagnitude());
  }

  @Test
  void aRefusedDocumentWritesNothingAndExitsWithOne() throws Exception {
    Path broken = dir.resolve("broken.xml");
    Files.writeString(
        broken, "<q:quakeml xmlns:q=\"http://quakeml.org/xmlns/quakeml/1.2\"><event>");
    Run run =
        run(
            "catalog",
            "import",
            broken.toString(),
            "--region",
            "x",
            "--bootstrap-servers",
            "127.0.0.1:1");
    assertEquals(1, run.exit(), run.err());
    assertTrue(run.out().contains("refused MALFORMED_XML: 1"), run.out());
    assertTrue(run.out().contains("nothing written"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void aDryRunReadsAndCountsOnly() throws Exception {
    Run run =
        run(
            "catalog",
            "import",
            copy("iris_events.xml").toString(),
            "--region",
            "tohoku",
            "--dry-run");
    assertEquals(0, run.exit(), run.err());
    assertTrue(
        run.out().contains("2 events read, 1 accepted for region tohoku, 1 refused"), run.out());
    assertTrue(run.out().contains("refused NO_MOMENT_MAGNITUDE: 1"), run.out());
    assertTrue(run.out().contains("dry run"), run.out());
  }
}
