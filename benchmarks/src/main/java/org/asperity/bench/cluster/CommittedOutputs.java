package org.asperity.bench.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;

/**
 * What one run of the job wrote, as its readers see it: the alerts a {@code read_committed}
 * consumer gets (exactly once), per region in topic order, and the forecasts keyed by region and
 * window end (at least once: a restart may write a forecast again, never a different one).
 */
record CommittedOutputs(
    Map<String, List<TtfAlert>> alertsByRegion, Map<String, TreeMap<Long, TtfForecast>> forecasts) {
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  static CommittedOutputs read(KafkaClientSettings kafka, String alertsTopic, String forecastsTopic)
      throws WireFormatException {
    Map<String, List<TtfAlert>> alerts = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(kafka, alertsTopic, true)) {
      TtfAlert a = Codecs.TTF_ALERT.decode(r.value());
      alerts.computeIfAbsent(a.getRegion(), k -> new ArrayList<>()).add(a);
    }
    Map<String, TreeMap<Long, TtfForecast>> forecasts = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(kafka, forecastsTopic, false)) {
      TtfForecast f = Codecs.TTF_FORECAST.decode(r.value());
      forecasts
          .computeIfAbsent(f.getRegion(), k -> new TreeMap<>())
          .put(f.getWindowEnd().toEpochMilli(), f);
    }
    return new CommittedOutputs(alerts, forecasts);
  }

  long alertCount() {
    return alertsByRegion.values().stream().mapToLong(List::size).sum();
  }

  long forecastCount() {
    return forecasts.values().stream().mapToLong(Map::size).sum();
  }

  /** Every record of {@code topic} up to its end offsets (the last stable offset if committed). */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(
      KafkaClientSettings kafka, String topic, boolean readCommitted) {
    Properties p = kafka.consumer("bench-recovery-reader-" + System.nanoTime(), readCommitted);
    p.setProperty("enable.auto.commit", "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end within " + READ_TIMEOUT.toSeconds() + " s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }
}
