package org.asperity.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.testing.SampleRecords;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings from a properties file and key=value overrides reach every client of a SCRAM-secured
 * broker.
 */
class SecuredClientsIT {
  private static final String TOPIC = "ttf.alerts";
  private static final String GROUP = "alert-readers";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final EmbeddedKafkaExtension KAFKA =
      new EmbeddedKafkaExtension(
          EmbeddedKafkaBroker.builder()
              .scramSecurity("admin", "admin-secret")
              .scramUser("asperity", "asperity-secret")
              .topic(TOPIC, 1)
              .topic("ttf.forecasts", 1));

  @TempDir static Path dir;
  private static Path configFile;

  @BeforeAll
  static void allowAsperityOnTheAlertsOnly(EmbeddedKafkaBroker broker) throws Exception {
    broker.allowTopic(
        "asperity", TOPIC, AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE);
    broker.allowGroup("asperity", GROUP);
    // What an operator would put in --kafka-config; the password here is deliberately wrong.
    configFile = dir.resolve("kafka-client.properties");
    Files.writeString(
        configFile,
        String.join(
            "\n",
            "security.protocol=SASL_PLAINTEXT",
            "sasl.mechanism=SCRAM-SHA-512",
            "sasl.jaas.config=" + jaas("asperity", "stale-password"),
            "client.id=asperity-it",
            "max.block.ms=5000"));
  }

  @Test
  void theFileAndTheOverridesReachProducerConsumerAndAdmin(EmbeddedKafkaBroker broker)
      throws Exception {
    KafkaClientSettings settings =
        KafkaClientSettings.fromCommandLine(
            broker.bootstrapServers(),
            configFile,
            List.of("sasl.jaas.config=" + jaas("asperity", "asperity-secret")));

    try (KafkaProducer<String, TtfAlert> producer =
        new KafkaProducer<>(
            settings.producer(),
            new StringSerializer(),
            new SingleObjectSerializer<>(Codecs.TTF_ALERT))) {
      producer.send(new ProducerRecord<>(TOPIC, "sim-00", SampleRecords.alert())).get();
    }
    List<ConsumerRecord<String, TtfAlert>> read = new ArrayList<>();
    try (KafkaConsumer<String, TtfAlert> consumer =
        new KafkaConsumer<>(
            settings.consumer(GROUP, true),
            new StringDeserializer(),
            new SingleObjectDeserializer<>(Codecs.TTF_ALERT))) {
      consumer.subscribe(List.of(TOPIC));
      // The consumer is not thread-safe: poll it on this thread.
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                return !read.isEmpty();
              });
    }
    // The principal may describe the existing topic but not create anything: this works only
    // because TopicAdmin asks to create just what is missing.
    try (TopicAdmin topics = TopicAdmin.connect(settings)) {
      assertEquals(Set.of(), topics.ensureTopics(List.of(new TopicSpec(TOPIC, 1)), WAIT));
    }

    assertEquals(1, read.size());
    assertEquals(SampleRecords.alert(), read.get(0).value());
  }

  @Test
  void theFileAloneLogsInWithItsWrongPasswordAndIsRefused(EmbeddedKafkaBroker broker)
      throws Exception {
    KafkaClientSettings settings =
        KafkaClientSettings.fromCommandLine(broker.bootstrapServers(), configFile, List.of());

    ExecutionException failure =
        QuietLogs.silenced(
            QuietLogs.KAFKA_CLIENTS,
            () -> {
              try (KafkaProducer<String, String> producer =
                  new KafkaProducer<>(
                      settings.producer(), new StringSerializer(), new StringSerializer())) {
                return assertThrows(
                    ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(TOPIC, "v")).get());
              }
            });

    assertInstanceOf(SaslAuthenticationException.class, failure.getCause());
    String sentence = KafkaErrors.describe(failure);
    assertTrue(
        sentence.contains("refused the login") && sentence.contains("sasl.jaas.config"), sentence);
  }

  @Test
  void aTopicWithoutAclsIsDescribedAsNotAuthorized(EmbeddedKafkaBroker broker) throws Exception {
    KafkaClientSettings settings =
        KafkaClientSettings.fromCommandLine(
            broker.bootstrapServers(),
            configFile,
            List.of("sasl.jaas.config=" + jaas("asperity", "asperity-secret")));

    Exception failure =
        QuietLogs.silenced(
            QuietLogs.KAFKA_CLIENTS,
            () -> {
              try (KafkaProducer<String, String> producer =
                  new KafkaProducer<>(
                      settings.producer(), new StringSerializer(), new StringSerializer())) {
                return assertThrows(
                    Exception.class,
                    () -> producer.send(new ProducerRecord<>("ttf.forecasts", "v")).get());
              }
            });

    assertInstanceOf(TopicAuthorizationException.class, failure.getCause());
    String sentence = KafkaErrors.describe(failure);
    assertTrue(sentence.contains("Not authorized on topic(s) [ttf.forecasts]"), sentence);
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }
}
