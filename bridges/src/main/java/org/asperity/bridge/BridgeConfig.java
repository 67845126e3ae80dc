package org.asperity.bridge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.asperity.kafka.KafkaClientSettings;

/**
 * What the ActiveMQ bridge reads, where it publishes and where it keeps its state.
 *
 * @param capTopic the Kafka topic of CAP 1.2 documents, keyed by region
 * @param deadLetterTopic where CAP documents that fail validation go, with the reason
 * @param groupId the consumer group whose committed offsets say how far the bridge got
 * @param activeMqTopic the ActiveMQ topic subscribers listen on
 * @param stateDirectory where the identifiers already published are recorded
 * @param retryMin the first wait after the broker could not be reached; doubled each time
 * @param retryMax the longest wait between two attempts
 */
public record BridgeConfig(
    KafkaClientSettings kafka,
    String capTopic,
    String deadLetterTopic,
    String groupId,
    ActiveMqSettings activeMq,
    String activeMqTopic,
    Path stateDirectory,
    Duration retryMin,
    Duration retryMax) {
  public static final String DEFAULT_DEAD_LETTER_TOPIC = "ttf.alerts.cap.dlq";
  public static final String DEFAULT_GROUP_ID = "asperity-bridge-activemq";
  public static final String DEFAULT_ACTIVEMQ_TOPIC = "asperity.ttf.alerts.cap";
  public static final Duration DEFAULT_RETRY_MIN = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(30);

  public BridgeConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(capTopic, "capTopic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(activeMq, "activeMq");
    Objects.requireNonNull(activeMqTopic, "activeMqTopic");
    Objects.requireNonNull(stateDirectory, "stateDirectory");
    if (capTopic.equals(deadLetterTopic)) {
      throw new IllegalArgumentException("the dead-letter topic must differ from " + capTopic);
    }
    if (retryMin.isNegative() || retryMin.isZero() || retryMax.compareTo(retryMin) < 0) {
      throw new IllegalArgumentException("retry waits must be positive, the longest the larger");
    }
  }
}
