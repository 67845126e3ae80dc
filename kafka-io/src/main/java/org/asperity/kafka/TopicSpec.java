package org.asperity.kafka;

import java.util.Map;

/**
 * A topic to create: its name, partition count and topic-level configs (e.g. {@code
 * cleanup.policy}). The replication factor is the cluster's {@code default.replication.factor}.
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {
  public TopicSpec {
    TopicNames.requireLegalName(name);
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "topic " + name + " needs at least one partition, not " + partitions);
    }
    configs = Map.copyOf(configs);
  }

  public TopicSpec(String name, int partitions) {
    this(name, partitions, Map.of());
  }
}
