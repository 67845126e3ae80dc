package org.asperity.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;

/**
 * The observations a topic received between two instants (Kafka record timestamps, i.e. when they
 * were produced): start offsets are looked up by time ({@code offsetsForTimes}); records whose
 * timestamp lies in [from, to] are replayed. Producers' timestamps are only roughly increasing
 * within a partition, so a partition is read on past {@code to} until a record is more than {@link
 * #TIMESTAMP_SLACK} after it (or the end offset the partition had when the replay started). No
 * consumer group (manual assignment): a replay never moves anyone's offsets. Undecodable values are
 * rejected with partition and offset.
 */
public final class KafkaRangeReader implements ObservationReader {
  private static final Duration POLL = Duration.ofMillis(500);

  /**
   * How far past {@code to} a partition is still read for records produced slightly out of order.
   */
  public static final Duration TIMESTAMP_SLACK = Duration.ofMinutes(1);

  private final String topic;
  private final Instant from;
  private final Instant to;
  private final RejectLog rejects;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, Long> endOffsets = new HashMap<>();
  private final Deque<ConsumerRecord<byte[], byte[]>> buffered = new ArrayDeque<>();

  public KafkaRangeReader(
      KafkaClientSettings settings, String topic, Instant from, Instant to, RejectLog rejects) {
    this.topic = topic;
    this.from = from;
    this.to = to;
    this.rejects = rejects;
    var props = settings.consumer("asperity-replay-unused", true);
    props.remove("group.id");
    props.setProperty("enable.auto.commit", "false");
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      consumer.close();
      throw new ReplayException("topic " + topic + " does not exist or has no partitions");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : infos) {
      partitions.add(new TopicPartition(topic, p.partition()));
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    Map<TopicPartition, Long> query = new HashMap<>();
    for (TopicPartition tp : partitions) {
      query.put(tp, from == null ? 0L : from.toEpochMilli());
    }
    Map<TopicPartition, OffsetAndTimestamp> starts =
        consumer.offsetsForTimes(query, Duration.ofSeconds(30));
    Map<TopicPartition, Long> startOffsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp start = starts.get(tp);
      long end = ends.getOrDefault(tp, 0L);
      if (start != null && start.offset() < end) {
        startOffsets.put(tp, start.offset());
        endOffsets.put(tp, end);
      }
      // else: nothing at or after 'from' in this partition
    }
    consumer.assign(new ArrayList<>(startOffsets.keySet()));
    startOffsets.forEach(consumer::seek);
  }

  @Override
  public GnssObservation next() {
    while (true) {
      ConsumerRecord<byte[], byte[]> record = nextRecord();
      if (record == null) {
        return null;
      }
      try {
        return Codecs.GNSS_OBSERVATION.decode(record.value());
      } catch (WireFormatException e) {
        rejects.reject(
            name(),
            "partition " + record.partition() + " offset " + record.offset(),
            e.reason().name(),
            e.getMessage());
      }
    }
  }

  private ConsumerRecord<byte[], byte[]> nextRecord() {
    while (buffered.isEmpty()) {
      if (endOffsets.isEmpty()) {
        return null;
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        Long end = endOffsets.get(tp);
        if (end == null) {
          continue;
        }
        if (r.offset() >= end
            || (to != null && r.timestamp() > to.toEpochMilli() + TIMESTAMP_SLACK.toMillis())) {
          finish(tp);
          continue;
        }
        boolean inRange =
            (from == null || r.timestamp() >= from.toEpochMilli())
                && (to == null || r.timestamp() <= to.toEpochMilli());
        if (inRange) {
          buffered.add(r);
        }
        if (r.offset() + 1 >= end) {
          finish(tp);
        }
      }
    }
    return buffered.poll();
  }

  private void finish(TopicPartition tp) {
    if (endOffsets.remove(tp) != null) {
      consumer.pause(List.of(tp));
    }
  }

  @Override
  public String name() {
    return topic
        + (from == null && to == null
            ? ""
            : " [" + (from == null ? "start" : from) + ", " + (to == null ? "end" : to) + "]");
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
