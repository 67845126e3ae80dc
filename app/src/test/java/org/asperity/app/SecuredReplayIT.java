package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.replay.RepositoryData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A component on a secured cluster (SASL/SCRAM with ACLs), configured only through the
 * --kafka-config / --kafka-property flags every command shares: correct credentials work; a wrong
 * password gives one sentence naming the cause and writes nothing.
 */
class SecuredReplayIT {
  private static final String TOPIC = "gnss.observations";

  @RegisterExtension
  static final EmbeddedKafkaExtension KAFKA =
      new EmbeddedKafkaExtension(
          EmbeddedKafkaBroker.builder()
              .scramSecurity("admin", "admin-secret")
              .scramUser("replayer", "replayer-secret")
              .topic(TOPIC, 2));

  private static Path clientConfig(Path dir, String password) throws Exception {
    Path file = dir.resolve("kafka-" + password + ".properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "security.protocol=SASL_PLAINTEXT",
            "sasl.mechanism=SCRAM-SHA-512",
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"replayer\" password=\""
                + password
                + "\";"));
    return file;
  }

  private record Run(int exit, String out, String err) {}

  private static Run replay(Path config) {
    CommandLine cli = Asperity.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "replay",
            RepositoryData.gnss("LHAS.tenv3").toString(),
            "--bootstrap-servers",
            KAFKA.broker().bootstrapServers(),
            "--kafka-config",
            config.toString(),
            "--kafka-property",
            "client.id=replay-under-test",
            "--metrics-port",
            "-1");
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void wrongPasswordIsNamedAndWritesNothing(@TempDir Path dir) throws Exception {
    KAFKA.broker().allowTopic("replayer", TOPIC, AclOperation.WRITE, AclOperation.DESCRIBE);
    Run run = quietly(() -> replay(clientConfig(dir, "wrong-password")));

    assertEquals(1, run.exit(), run.err());
    assertTrue(run.err().toLowerCase().contains("authentication"), run.err());
    assertTrue(run.err().lines().count() <= 2, "one sentence, not a stack trace: " + run.err());
    assertEquals(0, recordsIn(TOPIC));
  }

  @Test
  void correctCredentialsReplayEverything(@TempDir Path dir) throws Exception {
    KAFKA.broker().allowTopic("replayer", TOPIC, AclOperation.WRITE, AclOperation.DESCRIBE);
    long before = recordsIn(TOPIC);
    Run run = replay(clientConfig(dir, "replayer-secret"));

    assertEquals(0, run.exit(), run.err());
    long lines =
        Files.readAllLines(RepositoryData.gnss("LHAS.tenv3")).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("site"))
            .count();
    assertEquals(before + lines, recordsIn(TOPIC));
  }

  /** Offsets written to the topic, read as the admin (a super user). */
  private static long recordsIn(String topic) {
    Properties p = KAFKA.broker().clientProperties();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(10));
      return end.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static <T> T quietly(java.util.concurrent.Callable<T> action) throws Exception {
    // The Kafka client logs the failed login at ERROR before the command reports it.
    Configurator.setLevel("org.apache.kafka", Level.OFF);
    try {
      return action.call();
    } finally {
      Configurator.setLevel("org.apache.kafka", Level.ERROR);
    }
  }
}
