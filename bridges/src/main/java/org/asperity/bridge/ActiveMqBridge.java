package org.asperity.bridge;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.asperity.bridge.ActiveMqPublisher.BrokerUnavailableException;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.TopicSpec;
import org.asperity.schemas.cap.CapSchema;

/**
 * CAP 1.2 alerts from Kafka onto an ActiveMQ topic, each exactly once as subscribers see it:
 *
 * <ol>
 *   <li>read committed records only (the job writes alerts in transactions);
 *   <li>validate against the CAP 1.2 schema: an invalid document is never published, it goes to the
 *       dead-letter topic with the reason in a header;
 *   <li>publish persistent and synchronously, so the broker has accepted the message when the send
 *       returns;
 *   <li>record the CAP identifier on disk ({@link PublishedIdentifiers});
 *   <li>commit the record's offset.
 * </ol>
 *
 * A crash before step 3 completes leaves the offset uncommitted and the message unpublished: the
 * restarted bridge publishes it. A crash between 4 and 5 leaves it published and recorded: the
 * restarted bridge reads it again and skips it. Only a crash between 3 and 4 publishes a message
 * twice (its identifier, the same both times, lets a subscriber drop the copy). One consumer thread
 * handles the records one at a time, so per region (the record key, hence per partition) the order
 * of the topic is the order on the broker. While the broker cannot be reached the bridge retries
 * with doubling waits and commits nothing.
 */
public final class ActiveMqBridge {
  static final String REASON_HEADER = "asperity.dead-letter.reason";
  static final String SOURCE_HEADER = "asperity.dead-letter.source";
  private static final Duration POLL = Duration.ofMillis(500);

  private final BridgeConfig config;
  private final Consumer<String> progress;
  private final Runnable afterRecorded;
  private volatile boolean stopping;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private long published;
  private long alreadyPublished;
  private long deadLettered;

  /**
   * @param progress receives one line per published, skipped or dead-lettered message and per
   *     connection problem
   */
  public ActiveMqBridge(BridgeConfig config, Consumer<String> progress) {
    this(config, progress, () -> {});
  }

  /** With {@code afterRecorded} run between recording an identifier and committing its offset. */
  ActiveMqBridge(BridgeConfig config, Consumer<String> progress, Runnable afterRecorded) {
    this.config = config;
    this.progress = progress;
    this.afterRecorded = afterRecorded;
  }

  /** Asks {@link #run} to return; callable from any thread (a shutdown hook). */
  public void stop() {
    stopping = true;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  /**
   * Bridges until {@link #stop()}.
   *
   * @throws BridgeException when the bridge cannot go on: a Kafka topic missing, credentials
   *     refused, Kafka unreachable
   */
  public BridgeSummary run() {
    checkTopics();
    try (PublishedIdentifiers identifiers =
            PublishedIdentifiers.open(
                config.stateDirectory(), PublishedIdentifiers.DEFAULT_CAPACITY);
        KafkaConsumer<String, byte[]> c =
            new KafkaConsumer<>(
                consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> deadLetters =
            new KafkaProducer<>(
                config
                    .kafka()
                    .producer(
                        Map.of(
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      consumer = c;
      if (stopping) {
        c.wakeup();
      }
      c.subscribe(List.of(config.capTopic()));
      progress.accept(
          "bridging Kafka topic "
              + config.capTopic()
              + " to ActiveMQ topic "
              + config.activeMqTopic()
              + " at "
              + config.activeMq().brokerUrl()
              + " ("
              + identifiers.size()
              + " identifiers already published, in "
              + config.stateDirectory()
              + ")");
      loop(c, deadLetters, identifiers);
    } catch (WakeupException e) {
      if (!stopping) {
        throw e;
      }
    } catch (FencedInstanceIdException e) {
      throw new BridgeException(
          "another bridge joined consumer group "
              + config.groupId()
              + " as "
              + config.groupId()
              + ": run one bridge per group (each keeps its own record of what it published).",
          e);
    } catch (KafkaException e) {
      throw new BridgeException(KafkaErrors.describe(e), e);
    } finally {
      consumer = null;
    }
    return summary();
  }

  /** The counts so far. */
  public synchronized BridgeSummary summary() {
    return new BridgeSummary(published, alreadyPublished, deadLettered);
  }

  private void loop(
      KafkaConsumer<String, byte[]> c,
      KafkaProducer<byte[], byte[]> deadLetters,
      PublishedIdentifiers identifiers) {
    ActiveMqPublisher publisher = null;
    Duration wait = config.retryMin();
    boolean unreachable = false;
    try {
      while (!stopping) {
        if (publisher == null) {
          try {
            publisher = ActiveMqPublisher.connect(config.activeMq(), config.activeMqTopic());
            if (unreachable) {
              progress.accept("ActiveMQ at " + config.activeMq().brokerUrl() + " is back");
            }
            unreachable = false;
            wait = config.retryMin();
          } catch (BrokerUnavailableException e) {
            unreachable = true;
            progress.accept(
                e.getMessage()
                    + ": retrying in "
                    + wait.toMillis() / 1000.0
                    + " s; nothing published or committed meanwhile");
            pausedWait(c, wait);
            wait =
                wait.multipliedBy(2).compareTo(config.retryMax()) > 0
                    ? config.retryMax()
                    : wait.multipliedBy(2);
            continue;
          }
        }
        ConsumerRecords<String, byte[]> records = c.poll(POLL);
        Map<TopicPartition, Long> next = new HashMap<>();
        try {
          for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
              handle(record, publisher, deadLetters, identifiers);
              next.put(partition, record.offset() + 1);
              c.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
            }
          }
        } catch (BrokerUnavailableException e) {
          // Read the unhandled records again once the broker is back, in the same order.
          for (TopicPartition partition : records.partitions()) {
            c.seek(
                partition,
                next.getOrDefault(partition, records.records(partition).get(0).offset()));
          }
          publisher.close();
          publisher = null;
          unreachable = true;
          progress.accept(
              e.getMessage()
                  + ": reconnecting; nothing committed past the last message it accepted");
        } catch (CommitFailedException e) {
          // The group moved the partition elsewhere; what was published is recorded, so whoever
          // reads it next from this state directory skips it.
          progress.accept("offset commit refused after a rebalance: " + e.getMessage());
        }
      }
    } finally {
      if (publisher != null) {
        publisher.close();
      }
    }
  }

  private void handle(
      ConsumerRecord<String, byte[]> record,
      ActiveMqPublisher publisher,
      KafkaProducer<byte[], byte[]> deadLetters,
      PublishedIdentifiers identifiers) {
    String xml = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    Optional<String> violation = CapSchema.violation(xml);
    CapMessage cap = null;
    if (violation.isEmpty()) {
      try {
        cap = CapMessage.of(xml);
      } catch (IllegalArgumentException e) {
        violation = Optional.of(e.getMessage());
      }
    }
    if (violation.isPresent()) {
      deadLetter(record, violation.get(), deadLetters);
      return;
    }
    if (identifiers.contains(cap.identifier())) {
      synchronized (this) {
        alreadyPublished++;
      }
      progress.accept("skipped " + describe(cap, record) + ": published before a restart");
      return;
    }
    publisher.publish(cap, record.key(), xml);
    identifiers.add(cap.identifier());
    afterRecorded.run();
    synchronized (this) {
      published++;
    }
    progress.accept("published " + describe(cap, record));
  }

  private void deadLetter(
      ConsumerRecord<String, byte[]> record,
      String reason,
      KafkaProducer<byte[], byte[]> deadLetters) {
    String source = record.topic() + "-" + record.partition() + "@" + record.offset();
    ProducerRecord<byte[], byte[]> letter =
        new ProducerRecord<>(
            config.deadLetterTopic(),
            null,
            record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
            record.value(),
            record.headers());
    letter.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    letter.headers().add(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
    try {
      deadLetters.send(letter).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while writing a dead letter", e);
    }
    synchronized (this) {
      deadLettered++;
    }
    progress.accept(
        "not valid CAP 1.2, sent to " + config.deadLetterTopic() + ": " + source + ": " + reason);
  }

  private static String describe(CapMessage cap, ConsumerRecord<String, byte[]> record) {
    return cap.msgType()
        + " "
        + cap.identifier()
        + " ("
        + cap.status()
        + ", region "
        + record.key()
        + ", "
        + record.topic()
        + "-"
        + record.partition()
        + "@"
        + record.offset()
        + ")";
  }

  /**
   * Waits without reading, while staying in the consumer group. Partitions assigned during the wait
   * were not paused: whatever they returned is read again later.
   */
  private static void pausedWait(KafkaConsumer<String, byte[]> c, Duration wait) {
    c.pause(c.assignment());
    ConsumerRecords<String, byte[]> unwanted = c.poll(wait);
    for (TopicPartition partition : unwanted.partitions()) {
      c.seek(partition, unwanted.records(partition).get(0).offset());
    }
    c.resume(c.assignment());
  }

  private Properties consumerProperties() {
    Properties p = config.kafka().consumer(config.groupId(), true);
    // Offsets move only after the broker accepted the message, one record at a time.
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Static membership: a bridge restarted after a crash takes its partitions back at once instead
    // of waiting out the session of its dead predecessor, and a second bridge in the same group
    // (which would not share this one's record of published identifiers) is fenced.
    if (!p.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)) {
      p.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.groupId());
    }
    return p;
  }

  /** The CAP topic must exist (a typo would wait forever); the dead-letter topic is created. */
  private void checkTopics() {
    BridgeTopics.check(
        config.kafka(),
        config.capTopic(),
        "check the name (--alerts-cap-topic), or create Asperity's topics (./asperity topics) and"
            + " start the job.",
        new TopicSpec(config.deadLetterTopic(), 1));
  }
}
