package org.asperity.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge over TLS: the broker's CA comes from {@code ssl.trustStore} in the client properties
 * file, and a broker it does not trust is a clear error, not an endless retry.
 */
class ActiveMqTlsIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String PASSWORD = "changeit";
  private static final String CAP_TOPIC = "ttf.alerts.cap";
  private static final String ACTIVEMQ_TOPIC = "asperity.ttf.alerts.cap";

  @RegisterExtension
  static final EmbeddedKafkaExtension KAFKA =
      new EmbeddedKafkaExtension(EmbeddedKafkaBroker.builder().topic(CAP_TOPIC, 1));

  @TempDir Path dir;
  private ActiveMqTestBroker activeMq;
  private final ExecutorService runner = Executors.newSingleThreadExecutor();

  @BeforeEach
  void brokerWithTls() throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        dir.resolve("broker.p12").toString(),
        "-storepass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-alias",
        "broker",
        "-keystore",
        dir.resolve("broker.p12").toString(),
        "-storepass",
        PASSWORD,
        "-file",
        dir.resolve("broker.crt").toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        dir.resolve("broker.crt").toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        dir.resolve("trusted.p12").toString(),
        "-storepass",
        PASSWORD);
    keytool(
        "-genkeypair",
        "-alias",
        "stranger",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=stranger",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        dir.resolve("untrusted.p12").toString(),
        "-storepass",
        PASSWORD);
    activeMq = ActiveMqTestBroker.startTls(dir.resolve("broker.p12"), PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    runner.shutdownNow();
    activeMq.close();
  }

  @Test
  void publishesToABrokerWhoseCaIsInTheTrustStore(EmbeddedKafkaBroker kafka) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(CAP_TOPIC, "nankai", CapDocuments.issue("a-1"))).get();
    }
    ActiveMqBridge bridge = new ActiveMqBridge(config(kafka, "trusted.p12"), line -> {});
    Future<BridgeSummary> run = runner.submit(bridge::run);

    await().atMost(PATIENCE).until(() -> activeMq.enqueued(ACTIVEMQ_TOPIC) == 1);
    bridge.stop();
    assertEquals(new BridgeSummary(1, 0, 0), run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
  }

  @Test
  void aBrokerOutsideTheTrustStoreIsAClearError(EmbeddedKafkaBroker kafka) throws Exception {
    ActiveMqBridge bridge = new ActiveMqBridge(config(kafka, "untrusted.p12"), line -> {});
    BridgeException e = assertThrows(BridgeException.class, bridge::run);
    assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
    assertTrue(e.getMessage().contains("ssl.trustStore"), e.getMessage());
  }

  private BridgeConfig config(EmbeddedKafkaBroker kafka, String trustStore) throws Exception {
    Path file = dir.resolve("activemq-" + trustStore + ".properties");
    Files.writeString(
        file,
        "ssl.trustStore="
            + dir.resolve(trustStore)
            + "\nssl.trustStorePassword="
            + PASSWORD
            + "\n");
    return new BridgeConfig(
        KafkaClientSettings.of(kafka.bootstrapServers()),
        CAP_TOPIC,
        CAP_TOPIC + ".dlq",
        "bridge-tls-" + trustStore,
        ActiveMqSettings.fromCommandLine(activeMq.openWireUrl(), file),
        ACTIVEMQ_TOPIC,
        dir.resolve("state-" + trustStore),
        Duration.ofMillis(100),
        Duration.ofMillis(400));
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
  }
}
