package org.asperity.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.TopicNames;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's one Kafka consumer, on its own thread: reads the observations, forecasts, alerts,
 * catalog and dead-letter topics read_committed (what downstream systems see) and feeds the model.
 * Partitions are assigned, not subscribed: no group to join, nothing committed. Observations are
 * read from the end (the page shows what flows now); the low-rate topics from a little before the
 * end, so a page started late still shows the recent forecasts, alerts and earthquakes; the
 * dead-letter topic from its start, so its count is the topic's.
 */
final class TopicFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
  static final String GROUP_ID = "asperity-web";

  /**
   * How far before the end the forecasts are read at start: a few simulated decades of daily ticks.
   */
  static final long FORECAST_BACKLOG = 20_000;

  static final long ALERT_BACKLOG = LiveModel.MAX_ALERTS;
  static final long EARTHQUAKE_BACKLOG = LiveModel.MAX_EARTHQUAKES;
  private static final Duration POLL = Duration.ofMillis(200);

  /** After a failed poll, the next one waits this long (close() cuts the wait short). */
  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicNames topics;
  private final LiveModel model;
  private final String bootstrapServers;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch closing = new CountDownLatch(1);

  TopicFeed(KafkaClientSettings settings, TopicNames topics, LiveModel model) {
    this.topics = topics;
    this.model = model;
    this.bootstrapServers = settings.bootstrapServers();
    Properties p = settings.consumer(GROUP_ID, true);
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, GROUP_ID);
    p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "asperity-web-kafka");
    this.thread.setDaemon(true);
  }

  /**
   * Assigns the partitions of every topic that exists and positions them; records written after
   * this returns are seen. A missing topic is logged and left out (the page shows the others).
   */
  TopicFeed start(Duration timeout) {
    Map<String, Long> backlog = new HashMap<>();
    backlog.put(topics.observations(), 0L);
    backlog.put(topics.forecasts(), FORECAST_BACKLOG);
    backlog.put(topics.alerts(), ALERT_BACKLOG);
    backlog.put(topics.catalogEvents(), EARTHQUAKE_BACKLOG);
    backlog.put(topics.observationsDeadLetter(), Long.MAX_VALUE);
    List<TopicPartition> partitions = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String topic : backlog.keySet()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        missing.add(topic);
        continue;
      }
      infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
    }
    if (!missing.isEmpty()) {
      LOG.warn(
          "web page: topics {} do not exist on {}; the page shows the others",
          missing,
          bootstrapServers);
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    for (TopicPartition tp : partitions) {
      long back = backlog.get(tp.topic());
      long from = back >= end.get(tp) ? begin.get(tp) : Math.max(begin.get(tp), end.get(tp) - back);
      consumer.seek(tp, from);
    }
    model.feedStatus(
        "reading "
            + partitions.size()
            + " partitions from "
            + bootstrapServers
            + (missing.isEmpty() ? "" : "; missing topics " + missing));
    thread.start();
    return this;
  }

  private void run() {
    String lastError = null;
    while (running.get()) {
      try {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        long received = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          dispatch(record, received);
        }
        if (lastError != null) {
          lastError = null;
          model.feedStatus("reading from " + bootstrapServers);
        }
      } catch (WakeupException e) {
        // close() asked us to stop
      } catch (RuntimeException e) {
        // Kafka errors (the consumer reconnects by itself) and anything else: say what is wrong and
        // keep polling, so the page goes on showing what it has.
        String message = e instanceof KafkaException ? KafkaErrors.describe(e) : String.valueOf(e);
        if (!message.equals(lastError)) {
          LOG.warn("web page: reading Kafka failed: {}", message);
          lastError = message;
        }
        model.feedStatus("error: " + message);
        pause();
      }
    }
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> record, long received) {
    String topic = record.topic();
    if (record.value() == null) {
      model.unreadable(topic);
      return;
    }
    try {
      if (topic.equals(topics.observations())) {
        model.observation(Codecs.GNSS_OBSERVATION.decode(record.value()), received);
      } else if (topic.equals(topics.forecasts())) {
        model.forecast(Codecs.TTF_FORECAST.decode(record.value()), received);
      } else if (topic.equals(topics.alerts())) {
        model.alert(Codecs.TTF_ALERT.decode(record.value()));
      } else if (topic.equals(topics.catalogEvents())) {
        model.earthquake(Codecs.EARTHQUAKE_EVENT.decode(record.value()));
      } else if (topic.equals(topics.observationsDeadLetter())) {
        model.deadLetter(Codecs.DEAD_LETTER.decode(record.value()));
      }
    } catch (WireFormatException | RuntimeException e) {
      // The job routes bad observations to the dead-letter topic; here a bad record (or a
      // well-formed one with a value the page cannot show, e.g. an epoch near the end of time)
      // is only counted, and the rest of the batch still shown.
      model.unreadable(topic);
    }
  }

  private void pause() {
    try {
      closing.await(ERROR_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    closing.countDown();
    consumer.wakeup();
    if (thread.isAlive()) {
      thread.join(10_000);
    }
    consumer.close(Duration.ofSeconds(5));
  }
}
