package org.asperity.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.asperity.bridge.amqp.AmqpIngest;
import org.asperity.bridge.amqp.AmqpIngestConfig;
import org.asperity.bridge.amqp.AmqpSettings;
import org.asperity.kafka.KafkaOptions;
import org.asperity.kafka.TopicNames;
import org.asperity.time.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./asperity ingest}: GNSS positions from the buses real-time networks publish on. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    subcommands = {IngestCommand.Amqp.class},
    header = "Bring live GNSS positions from another message bus into Kafka.",
    description = {
      "Consume the positions a real-time GNSS network publishes and write them to the job's",
      "observations topic.",
      "",
      "  ./asperity ingest amqp --bootstrap-servers localhost:9092 --amqp-host rabbit.example.org",
      ""
    })
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("Name a bus: amqp.");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** {@code ./asperity ingest amqp}. */
  @Command(
      name = "amqp",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      header = "GFAST-style GeoJSON positions from a RabbitMQ exchange to Kafka, none lost.",
      description = {
        "Bind a durable queue to an AMQP 0-9-1 exchange (RabbitMQ) and write each GNSS position",
        "message to the observations topic as a GnssObservation: key NETWORK/STATION, the epoch,",
        "east/north/up and their sigmas in metres, source REALTIME. Messages are read in the two",
        "forms GFAST (ShakeAlert's GNSS component) consumes: the GeoJSON FeatureCollection of",
        "Earthworm's geojson2ew (properties SNCL and time in ms; the feature with coordinateType",
        "NEU or ENU: geometry.coordinates and EError/NError/UError) and the compact",
        "{\"SNCL\", \"time\", \"type\": \"ENU\", \"coor\": [E,N,U], \"err\": [...]}. The SNCL",
        "STATION.NETWORK.CHANNEL.LOCATION gives station and network (--network overrides it).",
        "",
        "A message is acknowledged to the broker only after Kafka acknowledged its record, so a",
        "restart of this command or of the broker loses nothing; a message can then reach Kafka",
        "twice, and the job drops the copy (same station and epoch). A message that is not a",
        "position goes to the dead-letter topic with its reason, is counted, and is acknowledged.",
        "While the broker is unreachable the command retries with doubling waits. Runs until Ctrl-C.",
        "",
        "The password comes from --amqp-password-file or the environment variable",
        "ASPERITY_AMQP_PASSWORD, never from the command line (user guest needs none).",
        "",
        "Examples:",
        "  ./asperity ingest amqp --bootstrap-servers localhost:9092",
        "  ./asperity ingest amqp --bootstrap-servers kafka:9092 \\",
        "      --amqp-uri amqps://gfast@rabbit.example.org/gnss --amqp-password-file amqp.password \\",
        "      --exchange eew --exchange-type fanout --network cascadia",
        ""
      })
  static final class Amqp implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--amqp-uri",
        paramLabel = "URI",
        description =
            "The broker as amqp[s]://[USER@]HOST[:PORT][/VHOST]; replaces the four flags below. No password in it.")
    String uri;

    @Option(
        names = "--amqp-host",
        paramLabel = "HOST",
        description = "AMQP broker host (default: ${DEFAULT-VALUE}).")
    String host = AmqpSettings.DEFAULT_HOST;

    @Option(
        names = "--amqp-port",
        paramLabel = "PORT",
        description = "AMQP broker port (default: ${DEFAULT-VALUE}).")
    int port = AmqpSettings.DEFAULT_PORT;

    @Option(
        names = "--amqp-vhost",
        paramLabel = "VHOST",
        description = "Virtual host (default: ${DEFAULT-VALUE}).")
    String virtualHost = AmqpSettings.DEFAULT_VIRTUAL_HOST;

    @Option(
        names = "--amqp-user",
        paramLabel = "USER",
        description =
            "User name (default: ${DEFAULT-VALUE}, which RabbitMQ admits from localhost only).")
    String user = AmqpSettings.DEFAULT_USER;

    @Option(
        names = "--amqp-password-file",
        paramLabel = "FILE",
        description =
            "A file whose first line is the password; without it, the environment variable "
                + AmqpSettings.PASSWORD_ENV
                + ".")
    Path passwordFile;

    @Option(
        names = "--exchange",
        paramLabel = "NAME",
        description = "Exchange the positions are published to (default: ${DEFAULT-VALUE}).")
    String exchange = AmqpIngestConfig.DEFAULT_EXCHANGE;

    @Option(
        names = "--exchange-type",
        paramLabel = "TYPE",
        description =
            "fanout, direct, topic or headers: used only to declare the exchange (durable) when it"
                + " does not exist yet (default: ${DEFAULT-VALUE}).")
    String exchangeType = AmqpIngestConfig.DEFAULT_EXCHANGE_TYPE;

    @Option(
        names = "--binding-key",
        paramLabel = "KEY",
        description =
            "Routing-key pattern the queue is bound with, e.g. gnss.PW.# (default: ${DEFAULT-VALUE}).")
    String bindingKey = AmqpIngestConfig.DEFAULT_BINDING_KEY;

    @Option(
        names = "--queue",
        paramLabel = "NAME",
        description =
            "Durable queue to consume; it keeps the messages while this command is down (default: ${DEFAULT-VALUE}).")
    String queue = AmqpIngestConfig.DEFAULT_QUEUE;

    @Option(
        names = "--prefetch",
        paramLabel = "N",
        description =
            "Messages the broker may hand over before they are acknowledged (default: ${DEFAULT-VALUE}).")
    int prefetch = AmqpIngestConfig.DEFAULT_PREFETCH;

    @Option(
        names = "--max-message-bytes",
        paramLabel = "BYTES",
        description = "Larger messages are dead-lettered unread (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes = AmqpIngestConfig.DEFAULT_MAX_MESSAGE_BYTES;

    @Option(
        names = "--network",
        paramLabel = "NAME",
        description =
            "Put every station in this network, the job's region (default: the SNCL's network code).")
    String network;

    @Mixin KafkaOptions kafka;

    @Option(
        names = "--observations-topic",
        paramLabel = "TOPIC",
        description = "Kafka topic the observations go to; must exist (default: ${DEFAULT-VALUE}).")
    String observationsTopic = TopicNames.defaults().observations();

    @Option(
        names = "--dead-letter-topic",
        paramLabel = "TOPIC",
        description =
            "Kafka topic for messages that are not positions, created if missing (default: ${DEFAULT-VALUE}).")
    String deadLetterTopic = TopicNames.defaults().observationsDeadLetter();

    @Option(
        names = "--retry-max",
        converter = DurationConverter.class,
        paramLabel = "DURATION",
        description =
            "Longest wait between two attempts to reach the broker; the first is 1s, doubled each time (default: 30s).")
    Duration retryMax = AmqpIngestConfig.DEFAULT_RETRY_MAX;

    @Override
    public Integer call() {
      AmqpIngestConfig config =
          new AmqpIngestConfig(
              kafka.settings(null),
              observationsTopic,
              deadLetterTopic,
              AmqpSettings.fromCommandLine(
                  uri, host, port, virtualHost, user, passwordFile, System.getenv()),
              exchange,
              exchangeType,
              bindingKey,
              queue,
              prefetch,
              maxMessageBytes,
              network,
              AmqpIngestConfig.DEFAULT_RETRY_MIN.compareTo(retryMax) < 0
                  ? AmqpIngestConfig.DEFAULT_RETRY_MIN
                  : retryMax,
              retryMax);
      var out = spec.commandLine().getOut();
      AmqpIngest ingest = new AmqpIngest(config, ForegroundService.printer(out));
      return ForegroundService.run(
          "asperity-ingest-stop", ingest::stop, () -> ingest.run().line(), out);
    }
  }
}
