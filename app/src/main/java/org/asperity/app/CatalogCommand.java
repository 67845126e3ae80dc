package org.asperity.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.KafkaOptions;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.TopicSpec;
import org.asperity.replay.catalog.CatalogDocument;
import org.asperity.replay.catalog.CatalogImport;
import org.asperity.replay.catalog.KafkaCatalogSink;
import org.asperity.replay.catalog.QuakeMlReader;
import org.asperity.replay.catalog.RegionBounds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./asperity catalog}: real earthquake catalogs into the catalog topic. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    subcommands = {CatalogCommand.Import.class},
    header = "Real earthquake catalogs into Kafka.",
    description = {
      "Bring real earthquakes into the catalog topic, where the job takes the last large",
      "earthquake of a region from and the live page draws them.",
      "",
      "  ./asperity catalog import events.xml --region tohoku --bootstrap-servers localhost:9092",
      ""
    })
final class CatalogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("Name an action: import.");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** {@code ./asperity catalog import}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      header = "Import a QuakeML 1.2 file (FDSN event service, SeisComP) into catalog.events.",
      description = {
        "Read a QuakeML 1.2 document (an FDSN event web service response, e.g.",
        "https://earthquake.usgs.gov/fdsnws/event/1/query?format=quakeml&..., or a SeisComP",
        "export) and write each earthquake to the catalog topic as an EarthquakeEvent of",
        "--region (the job's region: the network name its stations carry), keyed by it:",
        "origin time, hypocentre, moment magnitude and its uncertainty, agency, event id.",
        "",
        "Per event: the preferred origin, and the preferred magnitude if it is a moment",
        "magnitude, else the best moment magnitude (Mww, Mwc, Mwr, Mwb, Mw, other Mw types).",
        "Refused, counted by reason and named in the summary: events without a moment",
        "magnitude, without an origin or origin time, with values out of range, of a type",
        "that is no earthquake, repeated ids, and with --bounds those outside the box. A",
        "document that is not well-formed, not QuakeML 1.2, has a DOCTYPE or is larger than",
        "--max-bytes is refused whole: nothing is written and the command exits with 1.",
        "",
        "The job takes a region's last large earthquake (Mw at least its model's magnitude",
        "threshold) from this topic: a job started on a live feed then needs only the window",
        "history, not a replay of the last rupture.",
        "",
        "Examples:",
        "  ./asperity catalog import usgs.xml --region tohoku --bounds 34,42,138,146 \\",
        "      --bootstrap-servers localhost:9092",
        "  ./asperity catalog import usgs.xml --region tohoku --dry-run   (read and check only)",
        ""
      })
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KafkaOptions kafka;

    @Parameters(paramLabel = "FILE", description = "QuakeML 1.2 file (.xml, .qml).")
    Path file;

    @Option(
        names = "--region",
        required = true,
        paramLabel = "NAME",
        description = "Region (the job's network key) every imported event belongs to.")
    String region;

    @Option(
        names = "--bounds",
        paramLabel = "S,N,W,E",
        description =
            "Only events whose hypocentre lies in this box (degrees; W > E crosses the"
                + " antimeridian); the others are refused as OUTSIDE_REGION. Default: every event.")
    String bounds;

    @Option(
        names = "--topic",
        defaultValue = "catalog.events",
        paramLabel = "TOPIC",
        description = "Topic to write to (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
        names = "--max-bytes",
        defaultValue = "" + QuakeMlReader.DEFAULT_MAX_BYTES,
        paramLabel = "BYTES",
        description = "Largest document read (default: ${DEFAULT-VALUE} bytes).")
    long maxBytes;

    @Option(names = "--dry-run", description = "Read and check everything, write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      RegionBounds box;
      try {
        box = bounds == null ? null : RegionBounds.parse(bounds);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--bounds: " + e.getMessage());
      }
      if (region.isBlank()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--region is empty");
      }
      if (maxBytes <= 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--max-bytes must be > 0");
      }
      CatalogDocument document = new QuakeMlReader(maxBytes).read(file);
      CatalogImport.Summary summary;
      boolean documentRefused = document.refusals().stream().anyMatch(r -> r.eventId() == null);
      if (dryRun || documentRefused) {
        summary = CatalogImport.run(file.toString(), document, region, box, e -> {});
      } else {
        KafkaClientSettings settings = kafka.settings(null);
        ensureTopic(settings);
        try (KafkaCatalogSink sink = new KafkaCatalogSink(settings, topic)) {
          summary = CatalogImport.run(file.toString(), document, region, box, sink);
        }
      }
      spec.commandLine().getOut().println(summary);
      if (documentRefused) {
        spec.commandLine().getOut().println("  nothing written: the document was refused");
        return 1;
      }
      spec.commandLine()
          .getOut()
          .println(dryRun ? "  (dry run: nothing written)" : "  written to " + topic);
      return 0;
    }

    private void ensureTopic(KafkaClientSettings settings) {
      TopicSpec target =
          TopicNames.defaults().all().stream()
              .filter(t -> t.name().equals(topic))
              .findFirst()
              .orElse(new TopicSpec(topic, 1));
      try (TopicAdmin admin = TopicAdmin.connect(settings)) {
        admin.ensureTopics(List.of(target), Duration.ofSeconds(60));
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "cannot use topic " + topic + ": " + KafkaErrors.describe(e), e);
      }
    }
  }
}
