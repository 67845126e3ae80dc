package org.asperity.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecuredBrokerIT {
  private static final String TOPIC = "ttf.alerts";

  @RegisterExtension
  static final EmbeddedKafkaExtension KAFKA =
      new EmbeddedKafkaExtension(
          EmbeddedKafkaBroker.builder()
              .scramSecurity("admin", "admin-secret")
              .scramUser("forecaster", "forecaster-secret")
              .scramUser("bystander", "bystander-secret")
              .topic(TOPIC, 1));

  @Test
  void aUserAllowedToWriteAndReadProducesAndConsumes(EmbeddedKafkaBroker broker) throws Exception {
    broker.allowTopic(
        "forecaster", TOPIC, AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE);
    broker.allowGroup("forecaster", "forecaster-group");
    TestClients.produce(
        broker.clientProperties("forecaster", "forecaster-secret"), TOPIC, "sim-00", "WATCH");

    List<ConsumerRecord<String, String>> records =
        TestClients.consume(
            broker.clientProperties("forecaster", "forecaster-secret"),
            TOPIC,
            "forecaster-group",
            1,
            Duration.ofSeconds(20));

    assertEquals(1, records.size());
    assertEquals("WATCH", records.get(0).value());
  }

  @Test
  void aWrongPasswordFailsAuthentication(EmbeddedKafkaBroker broker) {
    ExecutionException failure =
        withClientErrorsSilenced(
            () ->
                assertThrows(
                    ExecutionException.class,
                    () ->
                        TestClients.produce(
                            broker.clientProperties("forecaster", "not-the-secret"),
                            TOPIC,
                            "k",
                            "v")));

    assertInstanceOf(SaslAuthenticationException.class, failure.getCause());
  }

  @Test
  void aUserWithoutAWriteAclIsRefusedAndNothingIsWritten(EmbeddedKafkaBroker broker)
      throws Exception {
    String topic = "bystander-test";
    broker.createTopic(topic, 1);
    // Enough to see the topic, not to write to it. WRITE on another topic lets its idempotent
    // producer start at all (without any WRITE the cluster refuses it a producer id instead).
    broker.allowTopic("bystander", topic, AclOperation.DESCRIBE);
    broker.allowTopic("bystander", "bystander-own", AclOperation.WRITE);

    ExecutionException failure =
        withClientErrorsSilenced(
            () ->
                assertThrows(
                    ExecutionException.class,
                    () ->
                        TestClients.produce(
                            broker.clientProperties("bystander", "bystander-secret"),
                            topic,
                            "k",
                            "v")));

    TopicAuthorizationException refused =
        assertInstanceOf(TopicAuthorizationException.class, failure.getCause());
    assertTrue(
        refused.unauthorizedTopics().contains(topic), refused.unauthorizedTopics().toString());
    // Read as the admin (a super user): the first record of the topic is the admin's own control
    // record, so the refused one was not written.
    TestClients.produce(broker.clientProperties(), topic, "k", "control");
    List<ConsumerRecord<String, String>> records =
        TestClients.consume(
            broker.clientProperties(), topic, "admin-check", 1, Duration.ofSeconds(20));
    assertEquals(1, records.size());
    assertEquals(0, records.get(0).offset());
    assertEquals("control", records.get(0).value());
  }

  /** The client logs the refusal at ERROR before the test sees it as the expected exception. */
  private static <T> T withClientErrorsSilenced(java.util.function.Supplier<T> action) {
    String logger = "org.apache.kafka.clients.NetworkClient";
    Level previous = org.apache.logging.log4j.LogManager.getLogger(logger).getLevel();
    Configurator.setLevel(logger, Level.OFF);
    try {
      return action.get();
    } finally {
      Configurator.setLevel(logger, previous);
    }
  }
}
