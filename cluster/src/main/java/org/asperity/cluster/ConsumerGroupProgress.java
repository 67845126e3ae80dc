package org.asperity.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (a job's Kafka source) has read a topic, by its committed offsets. A job
 * on the cluster replays a preloaded topic unbounded (a bounded Kafka source restored from a
 * checkpoint never finishes: FLINK-31006), so a replay is done when its group has committed the end
 * of every partition; the source commits on each completed checkpoint.
 *
 * @param committed the group's committed offsets, summed over the topic's partitions
 * @param end the partitions' end offsets, summed
 * @param done whether every partition's committed offset reached its end
 */
public record ConsumerGroupProgress(long committed, long end, boolean done) {

  /** The fraction read, 0..1. */
  public double fraction() {
    return end == 0 ? 1.0 : Math.min(1.0, (double) committed / end);
  }

  /** The progress of {@code group} on {@code topic} of the cluster at {@code bootstrapServers}. */
  public static ConsumerGroupProgress of(String bootstrapServers, String group, String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .forEach(
              part -> latest.put(new TopicPartition(topic, part.partition()), OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
      long committedSum = 0;
      long endSum = 0;
      boolean done = true;
      for (var e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        long at = c == null ? 0 : c.offset();
        committedSum += Math.min(at, e.getValue().offset());
        endSum += e.getValue().offset();
        done &= at >= e.getValue().offset();
      }
      return new ConsumerGroupProgress(committedSum, endSum, done);
    }
  }
}
