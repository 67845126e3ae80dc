package org.asperity.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a command reaches Kafka: the same three flags on every command and on the Flink job, as a
 * picocli mixin ({@code @Mixin KafkaOptions kafka}).
 */
public final class KafkaOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "An existing Kafka cluster. Without it, commands that can (demo, bench) start an embedded broker.")
  public String bootstrapServers;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description =
          "A Kafka client property for every client this command opens, e.g. security.protocol=SASL_SSL. Repeatable; wins over --kafka-config.")
  public List<String> properties = new ArrayList<>();

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "A Java properties file of Kafka client properties (SASL, SSL truststores, ...).")
  public Path configFile;

  /** True when the user named a cluster (flag, properties file or a bootstrap.servers property). */
  public boolean hasCluster() {
    if (bootstrapServers != null) {
      return true;
    }
    // The file or a key=value may name the cluster too; a marker fallback tells whether they did.
    String marker = "embedded-broker-marker:0";
    return !KafkaClientSettings.fromCommandLine(null, configFile, properties, marker)
        .bootstrapServers()
        .equals(marker);
  }

  /** Settings for the user's cluster, or for {@code embeddedBootstrap} when none was named. */
  public KafkaClientSettings settings(String embeddedBootstrap) {
    return KafkaClientSettings.fromCommandLine(
        bootstrapServers, configFile, properties, embeddedBootstrap);
  }
}
