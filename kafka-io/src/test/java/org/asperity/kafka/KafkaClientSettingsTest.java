package org.asperity.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"asperity\" password=\"s3cr=t\";";

  @TempDir Path dir;

  @Test
  void assignmentsOverrideTheFileAndTheBootstrapFlagOverridesBoth() throws Exception {
    Path file =
        write("bootstrap.servers=file:9092\nsecurity.protocol=SASL_SSL\nclient.id=from-file\n");

    KafkaClientSettings settings =
        KafkaClientSettings.fromCommandLine(
            "flag:9092", file, List.of("client.id=from-flag", "bootstrap.servers=assignment:9092"));

    assertEquals("flag:9092", settings.bootstrapServers());
    assertEquals("SASL_SSL", settings.admin().getProperty("security.protocol"));
    assertEquals("from-flag", settings.admin().getProperty("client.id"));
  }

  @Test
  void bootstrapServersMayComeFromTheFileAlone() throws Exception {
    Path file = write("bootstrap.servers=broker-1:9093,broker-2:9093\n");

    assertEquals(
        "broker-1:9093,broker-2:9093",
        KafkaClientSettings.fromCommandLine(null, file, List.of()).bootstrapServers());
  }

  @Test
  void noBootstrapServersAnywhereIsAClearError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaClientSettings.fromCommandLine(null, null, List.of("acks=all")));

    assertTrue(e.getMessage().contains("no Kafka bootstrap servers"), e.getMessage());
  }

  @Test
  void aValueKeepsEveryEqualsSignAfterTheFirstAndMayBeEmpty() {
    KafkaClientSettings settings =
        KafkaClientSettings.of("b:9092")
            .withAssignments(
                List.of("sasl.jaas.config=" + JAAS, "ssl.endpoint.identification.algorithm="));

    assertEquals(JAAS, settings.properties().get("sasl.jaas.config"));
    assertEquals("", settings.properties().get("ssl.endpoint.identification.algorithm"));
  }

  @Test
  void malformedAssignmentsAreRefusedWithoutEchoingTheValue() {
    IllegalArgumentException noEquals =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaClientSettings.of("b:9092").withAssignments(List.of("security.protocol")));
    IllegalArgumentException emptyKey =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaClientSettings.of("b:9092").withAssignments(List.of("=hunter2")));

    assertTrue(
        noEquals.getMessage().contains("'security.protocol' must be key=value"),
        noEquals.getMessage());
    assertFalse(emptyKey.getMessage().contains("hunter2"), emptyKey.getMessage());
  }

  @Test
  void aMissingFileOrADirectoryIsAClearError() {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                KafkaClientSettings.fromCommandLine(
                    "b:9092", dir.resolve("nope.properties"), List.of()));
    IllegalArgumentException directory =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaClientSettings.fromCommandLine("b:9092", dir, List.of()));

    assertTrue(
        missing.getMessage().contains("nope.properties does not exist"), missing.getMessage());
    assertTrue(directory.getMessage().contains("is not a regular file"), directory.getMessage());
  }

  @Test
  void toStringHidesSecretsAndShowsTheRest() {
    KafkaClientSettings settings =
        KafkaClientSettings.of("b:9092")
            .withProperties(
                Map.of(
                    "sasl.jaas.config", JAAS,
                    "ssl.truststore.password", "trust-me",
                    "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----",
                    "sasl.oauthbearer.client.credentials.client.secret", "oauth-secret",
                    "security.protocol", "SASL_SSL"));

    String shown = settings.toString();

    for (String secret : List.of("s3cr=t", "trust-me", "PRIVATE KEY", "oauth-secret")) {
      assertFalse(shown.contains(secret), shown);
    }
    assertTrue(shown.contains("security.protocol=SASL_SSL"), shown);
    assertTrue(shown.contains("bootstrap.servers=b:9092"), shown);
    assertTrue(shown.contains("sasl.jaas.config=[hidden]"), shown);
  }

  @Test
  void eachClientGetsTheSharedPropertiesButNotAnotherKindsOnes() {
    KafkaClientSettings settings =
        KafkaClientSettings.of("b:9092")
            .withProperties(
                Map.of(
                    "security.protocol",
                    "SASL_SSL",
                    "group.instance.id",
                    "replay-1",
                    "linger.ms",
                    "5",
                    "my.typo",
                    "x"));

    Properties producer = settings.producer();
    Properties consumer = settings.consumer("g", false);
    Properties admin = settings.admin();

    for (Properties p : List.of(producer, consumer, admin)) {
      assertEquals("SASL_SSL", p.getProperty("security.protocol"));
      assertEquals("b:9092", p.getProperty("bootstrap.servers"));
      // Unknown to every client: passed on so that Kafka warns about it.
      assertEquals("x", p.getProperty("my.typo"));
    }
    assertEquals("5", producer.getProperty("linger.ms"));
    assertNull(consumer.getProperty("linger.ms"));
    assertEquals("replay-1", consumer.getProperty("group.instance.id"));
    assertNull(producer.getProperty("group.instance.id"));
    assertNull(admin.getProperty("linger.ms"));
  }

  @Test
  void codeOverridesWinOverTheOperatorsPropertiesWhichWinOverDefaults() {
    KafkaClientSettings settings =
        KafkaClientSettings.of("b:9092")
            .withAssignments(
                List.of(
                    "isolation.level=read_uncommitted",
                    "group.id=operator",
                    "auto.offset.reset=latest",
                    "acks=1"));

    Properties consumer = settings.consumer("asperity-replay", true);
    Properties producer = settings.producer(Map.of("acks", "all", "transactional.id", "t-1"));

    assertEquals("asperity-replay", consumer.getProperty("group.id"));
    assertEquals("read_committed", consumer.getProperty("isolation.level"));
    assertEquals("latest", consumer.getProperty("auto.offset.reset"));
    assertEquals(
        "earliest",
        KafkaClientSettings.of("b:9092").consumer("g", false).getProperty("auto.offset.reset"));
    assertEquals(
        "read_uncommitted",
        KafkaClientSettings.of("b:9092").consumer("g", false).getProperty("isolation.level"));
    assertEquals("all", producer.getProperty("acks"));
    assertEquals("t-1", producer.getProperty("transactional.id"));
  }

  @Test
  void returnedPropertiesAreFreshCopies() {
    KafkaClientSettings settings = KafkaClientSettings.of("b:9092");

    settings.producer().setProperty("bootstrap.servers", "changed:1");

    assertEquals("b:9092", settings.producer().getProperty("bootstrap.servers"));
  }

  private Path write(String content) throws Exception {
    Path file = dir.resolve("kafka.properties");
    Files.writeString(file, content);
    return file;
  }
}
