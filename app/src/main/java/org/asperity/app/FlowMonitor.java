package org.asperity.app;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;
import org.asperity.schemas.DeadLetter;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;
import org.asperity.time.TimeUnits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows an operator what flows through the topics: a progress line every few seconds (rates and
 * totals), each alert and each catalog earthquake as it comes, and the latest forecast of each
 * region at most once per progress period (a forecast a day per region would be a wall of text).
 * Reads read_committed, i.e. what downstream systems see.
 */
final class FlowMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.asperity.flow");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicNames topics;
  private final Duration period;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<String, Long> totals = new LinkedHashMap<>();
  private final Map<String, TtfForecast> latestForecastByRegion = new TreeMap<>();
  private final Map<String, Long> deadLettersByReason = new TreeMap<>();

  FlowMonitor(KafkaClientSettings settings, TopicNames topics, Duration period) {
    this.topics = topics;
    this.period = period;
    this.consumer =
        new KafkaConsumer<>(
            settings.consumer("asperity-flow-monitor", true),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    for (String topic : watched()) {
      totals.put(topic, 0L);
    }
    this.thread = new Thread(this::run, "asperity-flow-monitor");
    this.thread.setDaemon(true);
  }

  private List<String> watched() {
    return List.of(
        topics.observations(),
        topics.forecasts(),
        topics.alerts(),
        topics.catalogEvents(),
        topics.observationsDeadLetter());
  }

  FlowMonitor start() {
    // Assign (no consumer group to join or commit) and start at the end: show what flows from now.
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : watched()) {
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    thread.start();
    return this;
  }

  private void run() {
    long periodStart = System.nanoTime();
    Map<String, Long> atPeriodStart = new LinkedHashMap<>(totals);
    try {
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(250));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          totals.merge(record.topic(), 1L, Long::sum);
          show(record);
        }
        long now = System.nanoTime();
        if (now - periodStart >= period.toNanos()) {
          printProgress((now - periodStart) / (double) TimeUnits.NANOS_PER_SECOND, atPeriodStart);
          periodStart = now;
          atPeriodStart = new LinkedHashMap<>(totals);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (RuntimeException e) {
      LOG.warn("flow monitor stopped: {}", ErrorMessages.describe(e));
    }
  }

  private void show(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    try {
      if (topic.equals(topics.forecasts())) {
        TtfForecast f = Codecs.TTF_FORECAST.decode(record.value());
        latestForecastByRegion.put(f.getRegion(), f);
      } else if (topic.equals(topics.alerts())) {
        TtfAlert a = Codecs.TTF_ALERT.decode(record.value());
        LOG.info(
            "ALERT {} {} {} at {}: TTF p10/p50/p90 {} / {} / {} d, Mw {} ({}) id={}",
            a.getRegion(),
            a.getAction(),
            a.getLevel(),
            DAY.format(a.getIssuedAt()),
            days(a.getTtfP10Days()),
            days(a.getTtfP50Days()),
            days(a.getTtfP90Days()),
            String.format(Locale.ROOT, "%.1f", a.getMomentMagnitude()),
            a.getReason(),
            a.getAlertId());
      } else if (topic.equals(topics.catalogEvents())) {
        EarthquakeEvent e = Codecs.EARTHQUAKE_EVENT.decode(record.value());
        LOG.info(
            "EARTHQUAKE {} {} Mw {} {} asperities {}",
            e.getRegion(),
            DAY.format(e.getOnset()),
            String.format(Locale.ROOT, "%.2f", e.getMomentMagnitude()),
            e.getRuptureKind(),
            e.getAsperities());
      } else if (topic.equals(topics.observationsDeadLetter())) {
        DeadLetter d = Codecs.DEAD_LETTER.decode(record.value());
        deadLettersByReason.merge(d.getReason().name(), 1L, Long::sum);
      }
    } catch (WireFormatException e) {
      LOG.warn(
          "unreadable record on {} (partition {}, offset {}): {}",
          topic,
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  private void printProgress(double seconds, Map<String, Long> before) {
    long observations = totals.get(topics.observations()) - before.get(topics.observations());
    LOG.info(
        "flow: {} obs/s | totals: {} observations, {} forecasts, {} alerts, {} earthquakes, {} dead letters{}",
        String.format(Locale.ROOT, "%,.0f", observations / seconds),
        String.format(Locale.ROOT, "%,d", totals.get(topics.observations())),
        totals.get(topics.forecasts()),
        totals.get(topics.alerts()),
        totals.get(topics.catalogEvents()),
        totals.get(topics.observationsDeadLetter()),
        deadLettersByReason.isEmpty() ? "" : " " + deadLettersByReason);
    for (TtfForecast f : latestForecastByRegion.values()) {
      LOG.info(
          "  forecast {} at {}: TTF p10/p50/p90 {} / {} / {} d, Mw {}, {}/{} stations, model {}{}",
          f.getRegion(),
          DAY.format(f.getWindowEnd()),
          days(f.getTtfP10Days()),
          days(f.getTtfP50Days()),
          days(f.getTtfP90Days()),
          String.format(Locale.ROOT, "%.1f", f.getMomentMagnitude()),
          f.getStationsUsed(),
          f.getStationsExpected(),
          f.getModelVersion(),
          f.getCaveat() == null ? "" : " [outside the training domain: " + f.getCaveat() + "]");
    }
    latestForecastByRegion.clear();
  }

  private static String days(double d) {
    return String.format(Locale.ROOT, "%,.0f", d);
  }

  /** Totals per topic so far (for the closing summary). */
  Map<String, Long> totals() {
    return Map.copyOf(totals);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    thread.join(10_000);
    consumer.close(Duration.ofSeconds(5));
  }
}
