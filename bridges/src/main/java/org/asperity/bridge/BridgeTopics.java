package org.asperity.bridge;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicSpec;

/** The Kafka topics a bridge needs, checked once before it starts moving messages. */
public final class BridgeTopics {
  /** How long the checks wait for Kafka. */
  public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private BridgeTopics() {}

  /**
   * Requires {@code topic} (the one the bridge reads or feeds: a typo would wait, or feed nothing,
   * forever) and creates {@code deadLetter} if it is missing.
   *
   * @param howToFix the end of the error sentence when {@code topic} does not exist
   * @throws BridgeException in one sentence, when Kafka does not answer, the topic does not exist
   *     or the dead-letter topic cannot be made
   */
  public static void check(
      KafkaClientSettings kafka, String topic, String howToFix, TopicSpec deadLetter) {
    try (Admin admin = Admin.create(kafka.admin())) {
      try {
        admin
            .describeTopics(
                List.of(topic),
                // Without its own timeout the request outlives the wait below and holds up close().
                new DescribeTopicsOptions().timeoutMs((int) ADMIN_TIMEOUT.toMillis()))
            .allTopicNames()
            .get(ADMIN_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          throw new BridgeException(
              "Kafka topic "
                  + topic
                  + " does not exist on "
                  + kafka.bootstrapServers()
                  + ": "
                  + howToFix,
              e);
        }
        throw new BridgeException(KafkaErrors.describe(e), e);
      } catch (TimeoutException e) {
        throw new BridgeException(KafkaErrors.describe(e), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BridgeException("interrupted while looking up the Kafka topics", e);
      }
      try {
        TopicAdmin.using(admin).ensureTopics(Set.of(deadLetter), ADMIN_TIMEOUT);
      } catch (KafkaException e) {
        throw new BridgeException(
            "cannot create the dead-letter topic "
                + deadLetter.name()
                + ": "
                + KafkaErrors.describe(e),
            e);
      }
    } catch (KafkaException e) {
      throw new BridgeException(KafkaErrors.describe(e), e);
    }
  }
}
