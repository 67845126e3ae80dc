package org.asperity.bridge.amqp;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.asperity.kafka.KafkaClientSettings;

/**
 * What the AMQP ingest reads, where it writes, and how it waits for the broker.
 *
 * @param observationsTopic the Kafka topic of observations, keyed {@code network/station}
 * @param deadLetterTopic where messages that are not positions go, as {@code DeadLetter}s
 * @param exchange the AMQP exchange the positions are published to
 * @param exchangeType its type, used only when the ingest has to declare it (fanout, direct, topic,
 *     headers)
 * @param bindingKey the routing-key pattern the queue is bound with
 * @param queue the durable queue the ingest consumes; messages wait in it while the ingest is down
 * @param prefetch how many unacknowledged messages the broker may hand over at once
 * @param maxMessageBytes larger messages are dead-lettered unread
 * @param network the network every station is put in, or null to take the SNCL's
 * @param retryMin the first wait after the broker could not be reached; doubled each time
 * @param retryMax the longest wait between two attempts
 */
public record AmqpIngestConfig(
    KafkaClientSettings kafka,
    String observationsTopic,
    String deadLetterTopic,
    AmqpSettings amqp,
    String exchange,
    String exchangeType,
    String bindingKey,
    String queue,
    int prefetch,
    int maxMessageBytes,
    String network,
    Duration retryMin,
    Duration retryMax) {
  public static final String DEFAULT_EXCHANGE = "gnss.positions";
  public static final String DEFAULT_EXCHANGE_TYPE = "topic";
  public static final String DEFAULT_BINDING_KEY = "#";
  public static final String DEFAULT_QUEUE = "asperity.gnss.positions";
  public static final int DEFAULT_PREFETCH = 1000;

  /** 64 KiB: a position message is a few hundred bytes. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

  public static final Duration DEFAULT_RETRY_MIN = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(30);
  static final Set<String> EXCHANGE_TYPES = Set.of("fanout", "direct", "topic", "headers");

  public AmqpIngestConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(observationsTopic, "observationsTopic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(amqp, "amqp");
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(bindingKey, "bindingKey");
    if (observationsTopic.equals(deadLetterTopic)) {
      throw new IllegalArgumentException(
          "the dead-letter topic must differ from " + observationsTopic);
    }
    if (exchange.isEmpty()) {
      throw new IllegalArgumentException(
          "name an exchange: the default exchange cannot be bound to a queue");
    }
    if (!EXCHANGE_TYPES.contains(exchangeType)) {
      throw new IllegalArgumentException(
          "exchange type '" + exchangeType + "' is not one of fanout, direct, topic, headers");
    }
    if (queue == null || queue.isBlank()) {
      throw new IllegalArgumentException(
          "name a queue: a durable one keeps messages across restarts");
    }
    if (prefetch < 1 || prefetch > 65535) {
      throw new IllegalArgumentException("prefetch " + prefetch + " is not 1..65535");
    }
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("the message size limit must be positive");
    }
    if (network != null
        && !PositionMessages.validCode(network, PositionMessages.MAX_NETWORK_CHARS)) {
      throw new IllegalArgumentException(
          "network '"
              + network
              + "' must be 1 to "
              + PositionMessages.MAX_NETWORK_CHARS
              + " ASCII letters, digits, '-' or '_'");
    }
    if (retryMin.isNegative() || retryMin.isZero() || retryMax.compareTo(retryMin) < 0) {
      throw new IllegalArgumentException("retry waits must be positive, the longest the larger");
    }
  }
}
