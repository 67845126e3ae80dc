package org.asperity.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Asperity's topics if they are missing, on any cluster. Existing topics are left as they
 * are (partition count and configs are not altered); a partition count other than the one asked for
 * is logged, not fatal, since only parallelism depends on it.
 */
public final class TopicAdmin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
  private static final long POLL_MILLIS = 50;

  private final Admin admin;
  private final boolean ownsAdmin;

  private TopicAdmin(Admin admin, boolean ownsAdmin) {
    this.admin = admin;
    this.ownsAdmin = ownsAdmin;
  }

  /** A topic admin with its own admin client, closed by {@link #close()}. */
  public static TopicAdmin connect(KafkaClientSettings settings) {
    return new TopicAdmin(Admin.create(settings.admin()), true);
  }

  /** A topic admin that borrows {@code admin}; {@link #close()} leaves it open. */
  public static TopicAdmin using(Admin admin) {
    return new TopicAdmin(admin, false);
  }

  /**
   * Creates the missing topics and waits until the cluster serves metadata with a leader for every
   * partition of every listed topic.
   *
   * @return names of the topics this call created (the others existed)
   * @throws KafkaException the client's own exception (authorization, timeout...) for {@link
   *     KafkaErrors#describe}; a {@link TimeoutException} if the topics have no leader in time
   */
  public Set<String> ensureTopics(Collection<TopicSpec> topics, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    // Create only what is missing: on a managed cluster the principal may lack CREATE while the
    // topics already exist, and asking to create them would then fail with an authorization error.
    List<NewTopic> requests =
        missing(topics, deadline).stream()
            .map(
                t ->
                    new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty())
                        .configs(t.configs()))
            .toList();
    Set<String> created = new LinkedHashSet<>();
    if (!requests.isEmpty()) {
      for (Map.Entry<String, KafkaFuture<Void>> result :
          admin.createTopics(requests).values().entrySet()) {
        try {
          await(result.getValue(), deadline);
          created.add(result.getKey());
        } catch (TopicExistsException e) {
          // Someone else created it meanwhile: fine.
        }
      }
      LOG.info("created Kafka topics {}", created);
    }
    awaitLeaders(topics, deadline, timeout);
    return created;
  }

  private List<TopicSpec> missing(Collection<TopicSpec> topics, long deadline) {
    Map<String, KafkaFuture<TopicDescription>> described =
        admin.describeTopics(topics.stream().map(TopicSpec::name).toList()).topicNameValues();
    List<TopicSpec> missing = new ArrayList<>();
    for (TopicSpec topic : topics) {
      try {
        await(described.get(topic.name()), deadline);
      } catch (UnknownTopicOrPartitionException e) {
        missing.add(topic);
      }
    }
    return missing;
  }

  @Override
  public void close() {
    if (ownsAdmin) {
      admin.close(Duration.ofSeconds(5));
    }
  }

  private void awaitLeaders(Collection<TopicSpec> topics, long deadline, Duration timeout) {
    List<String> names = topics.stream().map(TopicSpec::name).toList();
    while (true) {
      try {
        Map<String, TopicDescription> described =
            await(admin.describeTopics(names).allTopicNames(), deadline);
        if (described.values().stream().allMatch(TopicAdmin::allPartitionsLed)) {
          warnAboutPartitionCounts(topics, described);
          return;
        }
      } catch (UnknownTopicOrPartitionException e) {
        // Created on the controller, not yet in this broker's metadata cache.
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "topics " + names + " have no leader for every partition after " + timeout);
      }
      sleep();
    }
  }

  private static boolean allPartitionsLed(TopicDescription description) {
    return description.partitions().stream()
        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
  }

  private static void warnAboutPartitionCounts(
      Collection<TopicSpec> topics, Map<String, TopicDescription> described) {
    for (TopicSpec topic : topics) {
      int actual = described.get(topic.name()).partitions().size();
      if (actual != topic.partitions()) {
        LOG.warn(
            "topic {} exists with {} partitions, not the {} Asperity would create; left as it is",
            topic.name(),
            actual,
            topic.partitions());
      }
    }
  }

  /** The future's value, or its failure as the Kafka exception it is (not wrapped). */
  private static <T> T await(KafkaFuture<T> future, long deadlineNanos) {
    try {
      return future.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KafkaException kafka) {
        throw kafka;
      }
      throw new KafkaException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException("no answer from the Kafka admin API in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while waiting for the Kafka admin API", e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while waiting for topic metadata", e);
    }
  }
}
