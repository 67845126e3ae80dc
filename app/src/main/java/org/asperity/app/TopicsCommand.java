package org.asperity.app;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.KafkaOptions;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./asperity topics}: create Asperity's topics on a cluster (idempotent). */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    header = "Create Asperity's topics on a Kafka cluster if they are missing.",
    description = {
      "Create Asperity's topics on a Kafka cluster if they are missing (existing ones are left as",
      "they are) and list them. Needs the right to create topics, or does nothing if they exist.",
      "",
      "Example:  ./asperity topics --bootstrap-servers kafka1:9092 --observation-partitions 12",
      ""
    })
final class TopicsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KafkaOptions kafka;

  @Option(
      names = "--observation-partitions",
      defaultValue = "4",
      paramLabel = "N",
      description =
          "Partitions of the observations topic (the job's source parallelism) (default: ${DEFAULT-VALUE}).")
  int observationPartitions;

  @Override
  public Integer call() {
    KafkaClientSettings settings = kafka.settings(null);
    TopicNames topics = TopicNames.defaults();
    List<TopicSpec> specs =
        topics.all().stream()
            .map(
                t ->
                    t.name().equals(topics.observations())
                        ? new TopicSpec(t.name(), observationPartitions, t.configs())
                        : t)
            .toList();
    Set<String> created;
    try (TopicAdmin admin = TopicAdmin.connect(settings)) {
      created = admin.ensureTopics(specs, Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      throw new IllegalStateException(KafkaErrors.describe(e), e);
    }
    var out = spec.commandLine().getOut();
    for (TopicSpec t : specs) {
      out.printf(
          "%-28s %2d partition(s)  %s%n",
          t.name(), t.partitions(), created.contains(t.name()) ? "created" : "exists");
    }
    return 0;
  }
}
