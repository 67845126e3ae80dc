package org.asperity.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.asperity.bridge.ActiveMqBridge;
import org.asperity.bridge.ActiveMqSettings;
import org.asperity.bridge.BridgeConfig;
import org.asperity.kafka.KafkaOptions;
import org.asperity.kafka.TopicNames;
import org.asperity.time.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./asperity bridge}: alerts from Kafka onto the buses observatories listen on. */
@Command(
    name = "bridge",
    mixinStandardHelpOptions = true,
    subcommands = {BridgeCommand.ActiveMq.class},
    header = "Relay the alerts from Kafka to another message bus.",
    description = {
      "Relay the job's CAP 1.2 alerts from Kafka to the bus an observatory listens on.",
      "",
      "  ./asperity bridge activemq --bootstrap-servers localhost:9092",
      ""
    })
final class BridgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("Name a bus: activemq.");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** {@code ./asperity bridge activemq}. */
  @Command(
      name = "activemq",
      mixinStandardHelpOptions = true,
      header = "CAP 1.2 alerts from Kafka to an ActiveMQ topic, each once, in order.",
      description = {
        "Read the CAP 1.2 alerts (ttf.alerts.cap, committed transactions only) and publish each to",
        "an ActiveMQ topic as a JMS text message with the properties identifier, msgType, status",
        "and region (the Kafka key). A message is published persistent and synchronously; its",
        "identifier is then recorded in --state-dir and only then is its Kafka offset committed, so",
        "a restarted bridge skips nothing and publishes nothing twice. A document that is not valid",
        "CAP 1.2 is never published: it goes to the dead-letter topic with the reason in the header",
        "asperity.dead-letter.reason. While ActiveMQ is unreachable the bridge retries with doubling",
        "waits and commits nothing. Runs until Ctrl-C. Run one bridge per consumer group.",
        "",
        "Credentials and TLS stores go in a properties file, never on the command line:",
        "  user=...  password=...  ssl.trustStore=...  ssl.trustStorePassword=...",
        "  ssl.keyStore=...  ssl.keyStorePassword=...",
        "",
        "Examples:",
        "  ./asperity bridge activemq --bootstrap-servers localhost:9092",
        "  ./asperity bridge activemq --bootstrap-servers kafka:9093 --kafka-config kafka.properties \\",
        "      --activemq-url ssl://amq.example.org:61617 --activemq-config activemq.properties",
        ""
      })
  static final class ActiveMq implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin KafkaOptions kafka;

    @Option(
        names = "--alerts-cap-topic",
        paramLabel = "TOPIC",
        description = "Kafka topic of the CAP 1.2 alerts (default: ${DEFAULT-VALUE}).")
    String capTopic = TopicNames.defaults().alertsCap();

    @Option(
        names = "--dead-letter-topic",
        paramLabel = "TOPIC",
        description =
            "Kafka topic for documents that are not valid CAP 1.2, created if missing (default: ${DEFAULT-VALUE}).")
    String deadLetterTopic = BridgeConfig.DEFAULT_DEAD_LETTER_TOPIC;

    @Option(
        names = "--group-id",
        paramLabel = "GROUP",
        description =
            "Kafka consumer group whose committed offsets say how far the bridge got (default: ${DEFAULT-VALUE}).")
    String groupId = BridgeConfig.DEFAULT_GROUP_ID;

    @Option(
        names = "--activemq-url",
        paramLabel = "URL",
        description =
            "ActiveMQ broker: tcp://HOST:PORT, ssl://HOST:PORT or failover:(...) (default: ${DEFAULT-VALUE}).")
    String activeMqUrl = ActiveMqSettings.DEFAULT_URL;

    @Option(
        names = "--activemq-topic",
        paramLabel = "TOPIC",
        description = "ActiveMQ topic to publish to (default: ${DEFAULT-VALUE}).")
    String activeMqTopic = BridgeConfig.DEFAULT_ACTIVEMQ_TOPIC;

    @Option(
        names = "--activemq-config",
        paramLabel = "FILE",
        description =
            "ActiveMQ client properties: user, password, ssl.trustStore, ssl.trustStorePassword, ssl.keyStore, ssl.keyStorePassword.")
    Path activeMqConfig;

    @Option(
        names = "--state-dir",
        paramLabel = "DIR",
        description =
            "Where the identifiers already published are recorded; keep it across restarts (default: ${DEFAULT-VALUE}).")
    Path stateDirectory = Path.of("run", "bridge-activemq");

    @Option(
        names = "--retry-max",
        converter = DurationConverter.class,
        paramLabel = "DURATION",
        description =
            "Longest wait between two attempts to reach ActiveMQ; the first is 1s, doubled each time (default: 30s).")
    Duration retryMax = BridgeConfig.DEFAULT_RETRY_MAX;

    @Override
    public Integer call() {
      BridgeConfig config =
          new BridgeConfig(
              kafka.settings(null),
              capTopic,
              deadLetterTopic,
              groupId,
              ActiveMqSettings.fromCommandLine(activeMqUrl, activeMqConfig),
              activeMqTopic,
              stateDirectory,
              BridgeConfig.DEFAULT_RETRY_MIN.compareTo(retryMax) < 0
                  ? BridgeConfig.DEFAULT_RETRY_MIN
                  : retryMax,
              retryMax);
      var out = spec.commandLine().getOut();
      ActiveMqBridge bridge = new ActiveMqBridge(config, ForegroundService.printer(out));
      return ForegroundService.run(
          "asperity-bridge-stop", bridge::stop, () -> bridge.run().line(), out);
    }
  }
}
