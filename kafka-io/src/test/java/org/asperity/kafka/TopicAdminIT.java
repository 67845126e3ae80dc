package org.asperity.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicAdminIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @Test
  void createsTheWholeTableOnceWithPartitionsAndConfigs(EmbeddedKafkaBroker broker)
      throws Exception {
    TopicNames names =
        TopicNames.defaults()
            .with(Topic.OBSERVATIONS, "admin-it.observations")
            .with(Topic.MODELS, "admin-it.models");
    KafkaClientSettings settings = KafkaClientSettings.of(broker.bootstrapServers());

    Set<String> first;
    Set<String> second;
    try (TopicAdmin topics = TopicAdmin.connect(settings)) {
      first = topics.ensureTopics(names.all(), WAIT);
      second = topics.ensureTopics(names.all(), WAIT);
    }

    assertEquals(names.all().stream().map(TopicSpec::name).collect(Collectors.toSet()), first);
    assertEquals(Set.of(), second);
    try (Admin admin = Admin.create(settings.admin())) {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(List.of("admin-it.observations", "admin-it.models"))
              .allTopicNames()
              .get();
      assertEquals(4, described.get("admin-it.observations").partitions().size());
      ConfigResource models = new ConfigResource(ConfigResource.Type.TOPIC, "admin-it.models");
      Config config = admin.describeConfigs(List.of(models)).all().get().get(models);
      assertEquals("compact", config.get("cleanup.policy").value());
      assertEquals(
          Integer.toString(Topic.MODELS_MAX_MESSAGE_BYTES),
          config.get("max.message.bytes").value());
    }
  }

  @Test
  void anExistingTopicWithOtherPartitionsIsLeftAsItIs(EmbeddedKafkaBroker broker) throws Exception {
    broker.createTopic("admin-it.narrow", 1);
    KafkaClientSettings settings = KafkaClientSettings.of(broker.bootstrapServers());

    // TopicAdmin warns about the difference; that warning is this test's expected outcome.
    Set<String> created =
        QuietLogs.silenced(
            TopicAdmin.class.getName(),
            () -> {
              try (TopicAdmin topics = TopicAdmin.connect(settings)) {
                return topics.ensureTopics(List.of(new TopicSpec("admin-it.narrow", 3)), WAIT);
              }
            });

    assertEquals(Set.of(), created);
    try (Admin admin = Admin.create(settings.admin())) {
      assertEquals(
          1,
          admin
              .describeTopics(List.of("admin-it.narrow"))
              .allTopicNames()
              .get()
              .get("admin-it.narrow")
              .partitions()
              .size());
    }
  }

  @Test
  void producingToAMissingTopicIsDescribedAsAMissingTopic(EmbeddedKafkaBroker broker) {
    KafkaClientSettings settings =
        KafkaClientSettings.of(broker.bootstrapServers())
            .withAssignments(List.of("max.block.ms=500"));

    Exception failure;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(settings.producer(), new StringSerializer(), new StringSerializer())) {
      failure =
          assertThrows(
              Exception.class,
              () -> producer.send(new ProducerRecord<>("no.such.topic", "v")).get());
    }

    String sentence = KafkaErrors.describe(failure);
    assertTrue(sentence.contains("Topic no.such.topic does not exist"), sentence);
  }

  @Test
  void anUnreachableClusterIsATimeoutPointingAtTheBootstrapServers() {
    // Nothing listens on the port a stopped broker used.
    String deadBootstrap;
    try (EmbeddedKafkaBroker stopped = EmbeddedKafkaBroker.startPlain()) {
      deadBootstrap = stopped.bootstrapServers();
    }
    KafkaClientSettings settings =
        KafkaClientSettings.of(deadBootstrap)
            .withAssignments(List.of("default.api.timeout.ms=1000", "request.timeout.ms=500"));

    TimeoutException failure;
    try (TopicAdmin topics = TopicAdmin.connect(settings)) {
      failure =
          assertThrows(
              TimeoutException.class,
              () -> topics.ensureTopics(TopicNames.defaults().all(), Duration.ofSeconds(1)));
    }

    String sentence = KafkaErrors.describe(failure);
    assertTrue(
        sentence.contains("No answer from Kafka") && sentence.contains("bootstrap.servers"),
        sentence);
  }
}
