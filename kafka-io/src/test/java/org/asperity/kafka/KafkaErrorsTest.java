package org.asperity.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.asperity.schemas.wire.WireFormatException;
import org.junit.jupiter.api.Test;

class KafkaErrorsTest {

  @Test
  void aRefusedLoginPointsAtTheCredentials() {
    String sentence =
        KafkaErrors.describe(
            new ExecutionException(
                new SaslAuthenticationException(
                    "Authentication failed during authentication due to invalid credentials")));

    assertContains(
        sentence, "refused the login", "invalid credentials", "sasl.jaas.config", "sasl.mechanism");
  }

  @Test
  void aFailedTlsHandshakePointsAtTheTruststore() {
    assertContains(
        KafkaErrors.describe(new SslAuthenticationException("PKIX path building failed")),
        "TLS handshake",
        "PKIX",
        "ssl.truststore.location");
  }

  @Test
  void authorizationFailuresNameTheResourceAndTheAcl() {
    assertContains(
        KafkaErrors.describe(new TopicAuthorizationException(Set.of("ttf.alerts"))),
        "[ttf.alerts]",
        "WRITE");
    assertContains(
        KafkaErrors.describe(new GroupAuthorizationException("denied", "asperity-job")),
        "asperity-job",
        "READ ACL");
    assertContains(
        KafkaErrors.describe(new TransactionalIdAuthorizationException("denied")),
        "TransactionalId");
    assertContains(
        KafkaErrors.describe(new ClusterAuthorizationException("Cluster authorization failed.")),
        "WRITE on at least one topic");
  }

  @Test
  void aTimeoutPointsAtTheBootstrapServersAndProtocol() {
    String sentence =
        KafkaErrors.describe(
            new KafkaException(
                "wrapped",
                new TimeoutException(
                    "Timed out waiting for a node assignment. Call: describeCluster")));

    assertContains(sentence, "No answer from Kafka", "bootstrap.servers", "security.protocol");
  }

  @Test
  void aTopicMissingFromMetadataIsNamedAsMissing() {
    // Kafka 4.2's producer gives the unknown-topic error as the cause of its timeout.
    assertContains(
        KafkaErrors.describe(
            new ExecutionException(
                new TimeoutException(
                    "Topic ttf.alerts not present in metadata after 1000 ms.",
                    new UnknownTopicOrPartitionException("no")))),
        "Topic ttf.alerts does not exist",
        "1000 ms");
    assertContains(
        KafkaErrors.describe(new UnknownTopicOrPartitionException("This server does not host it")),
        "does not exist",
        "create the topics");
  }

  @Test
  void anUnreadableRecordNamesWhereItIsAndTheWireFormatReason() {
    SingleObjectDeserializationException wire =
        new SingleObjectDeserializationException(
            "gnss.observations",
            "GnssObservation",
            new WireFormatException(
                WireFormatException.Reason.BAD_MARKER, "first bytes 00 00, expected C3 01"));
    RecordDeserializationException record =
        new RecordDeserializationException(
            new TopicPartition("gnss.observations", 2), 17, "Error deserializing VALUE", wire);

    assertContains(
        KafkaErrors.describe(record),
        "offset 17",
        "gnss.observations-2",
        "GnssObservation",
        "BAD_MARKER",
        "first bytes 00 00");
    assertContains(KafkaErrors.describe(wire), "topic gnss.observations", "BAD_MARKER");
  }

  @Test
  void configurationAndSizeProblemsSayWhatToChange() {
    assertContains(
        KafkaErrors.describe(
            new KafkaException(
                "Failed to construct kafka producer",
                new ConfigException("No resolvable bootstrap urls given in bootstrap.servers"))),
        "Invalid Kafka client configuration",
        "No resolvable bootstrap urls",
        "--kafka-property");
    assertContains(
        KafkaErrors.describe(new RecordTooLargeException("The message is 20000000 bytes")),
        "max.request.size",
        "max.message.bytes");
  }

  @Test
  void anythingElseStillNamesTheRootCause() {
    assertContains(
        KafkaErrors.describe(
            new KafkaException("outer", new IllegalStateException("inner trouble"))),
        "IllegalStateException",
        "inner trouble");
  }

  private static void assertContains(String sentence, String... parts) {
    for (String part : parts) {
      assertTrue(sentence.contains(part), "'" + part + "' missing from: " + sentence);
    }
  }
}
