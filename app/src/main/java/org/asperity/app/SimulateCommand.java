package org.asperity.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.avro.file.CodecFactory;
import org.asperity.app.metrics.CommandMetricsServer;
import org.asperity.app.metrics.SimulatorMetrics;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.KafkaOptions;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.simulator.EpochSink;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.SimulationProgress;
import org.asperity.simulator.SimulationSummary;
import org.asperity.simulator.io.AvroFileSink;
import org.asperity.simulator.io.AvroOutputFiles;
import org.asperity.simulator.io.KafkaStreamWriter;
import org.asperity.simulator.report.ReportCollector;
import org.asperity.simulator.report.ReportWriter;
import org.asperity.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./asperity simulate}: seismic cycles and GNSS streams, to Avro files and/or Kafka. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    header = "Simulate seismic cycles and GNSS streams into Avro files or Kafka.",
    description = {
      "Simulate megathrust seismic cycles (interacting asperities, Coulomb threshold)",
      "and the GNSS stations above them (Okada 1985 + realistic noise). Writes",
      "GnssObservation, SlipDeficitSample and EarthquakeEvent records to Avro files",
      "(--out) and/or Kafka (--kafka). Same seed and options: byte-identical files.",
      "",
      "Examples:",
      "  ./asperity simulate --years 5000 --out run/nature.avro --report run/",
      "  ./asperity simulate --kafka --bootstrap-servers localhost:9092 --pace 365d",
      "",
      "While it runs, Prometheus metrics are served at http://127.0.0.1:9251/metrics",
      "(--metrics-bind, --metrics-port): asperity_simulator_observations_total (GNSS",
      "observations simulated), asperity_simulator_earthquakes_total{region} and",
      "asperity_simulator_earthquake_magnitude{region} (the ground-truth catalog), and",
      "asperity_simulator_simulated_time_seconds (the event time reached).",
      ""
    })
final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KafkaOptions kafka;
  @Mixin SimulationOptions simulation;
  @Mixin MetricsOptions metricsOptions = new MetricsOptions(MetricsOptions.SIMULATE_PORT);

  @Option(
      names = "--out",
      paramLabel = "PATH",
      description =
          "Write Avro container files. A path ending in .avro holds the observations, with"
              + " NAME.earthquakes.avro and NAME.slip-deficit.avro beside it; any other path is a directory"
              + " (gnss-observations.avro, earthquakes.avro, slip-deficit.avro).")
  Path out;

  @Option(
      names = "--codec",
      defaultValue = "deflate",
      paramLabel = "null|deflate",
      description =
          "Avro file compression (default: ${DEFAULT-VALUE}, level 1: ~33 bytes per observation"
              + " instead of ~87).")
  String codec;

  @Option(
      names = "--kafka",
      description = "Stream the records to Kafka (--bootstrap-servers or --kafka-config).")
  boolean toKafka;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description =
          "Also write DIR/simulation.png: the catalog over time and three stations' east/north/up.")
  Path report;

  @Override
  public Integer call() throws Exception {
    if (out == null && !toKafka) {
      throw new ParameterException(
          spec.commandLine(), "say where the records go: --out PATH and/or --kafka");
    }
    SimulationConfig config = simulation.config();
    Simulation sim = new Simulation(config);
    List<EpochSink> sinks = new ArrayList<>();
    AvroFileSink files = null;
    if (out != null) {
      files = new AvroFileSink(AvroOutputFiles.forPath(out), config, codecFactory());
      sinks.add(files);
    }
    KafkaStreamWriter writer = null;
    TopicNames topics = TopicNames.defaults();
    if (toKafka) {
      KafkaClientSettings settings = kafka.settings(null);
      try (TopicAdmin admin = TopicAdmin.connect(settings)) {
        admin.ensureTopics(topics.all(), Duration.ofSeconds(60));
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "cannot prepare the Kafka topics: " + KafkaErrors.describe(e), e);
      }
      writer = new KafkaStreamWriter(settings, topics);
      sinks.add(writer);
    }
    ReportCollector collector = null;
    if (report != null) {
      collector = new ReportCollector();
      sinks.add(collector);
    }
    SimulatorMetrics metrics = new SimulatorMetrics();
    sinks.add(metrics);

    PrintlnSummary.header(spec.commandLine().getOut(), config, sim);
    ProgressBar bar = new ProgressBar(System.err, "simulating");
    SimulationSummary summary;
    try (CommandMetricsServer server = metricsOptions.serve(metrics.registry());
        EpochSink all = EpochSink.all(sinks.toArray(EpochSink[]::new))) {
      server
          .url()
          .ifPresent(
              url -> {
                spec.commandLine().getOut().println("  metrics      " + url + " (Prometheus)");
                spec.commandLine().getOut().flush();
              });
      summary = sim.run(all, p -> bar.update(p.fraction(), detail(p)));
    } finally {
      bar.done();
    }
    var o = spec.commandLine().getOut();
    o.println(summary);
    if (files != null) {
      AvroOutputFiles paths = files.files();
      o.printf(
          Locale.ROOT,
          "  files        %s (%,d bytes), %s, %s%n",
          paths.observations(),
          Files.size(paths.observations()),
          paths.earthquakes(),
          paths.slipDeficit());
    }
    if (writer != null) {
      o.printf(
          Locale.ROOT,
          "  kafka        %,d records to %s, %s, %s%n",
          writer.recordsSent(),
          topics.observations(),
          topics.catalogEvents(),
          topics.slipDeficit());
    }
    if (collector != null) {
      Files.createDirectories(report);
      Path png = report.resolve("simulation.png");
      ReportWriter.writePng(
          collector,
          png,
          String.format(
              Locale.ROOT,
              "%s preset, seed %d, %s",
              simulation.preset.name().toLowerCase(Locale.ROOT),
              config.seed(),
              config.regionId(0)),
          1400,
          1000);
      o.println("  report       " + png);
    }
    return 0;
  }

  private CodecFactory codecFactory() {
    return switch (codec.toLowerCase(Locale.ROOT)) {
      case "null", "none" -> CodecFactory.nullCodec();
      case "deflate" -> CodecFactory.deflateCodec(1);
      default ->
          throw new ParameterException(
              spec.commandLine(), "--codec must be null or deflate, not " + codec);
    };
  }

  private static String detail(SimulationProgress p) {
    return String.format(
        Locale.ROOT,
        "%,.0f years, %,d earthquakes, %,d observations (%,.0f obs/s)",
        p.simulatedYears(),
        p.earthquakes(),
        p.observations(),
        p.wallSeconds() > 0 ? p.observations() / p.wallSeconds() : 0);
  }

  /** The opening lines: what is about to be simulated. */
  static final class PrintlnSummary {
    private PrintlnSummary() {}

    static void header(java.io.PrintWriter o, SimulationConfig c, Simulation sim) {
      o.printf(
          Locale.ROOT,
          "Simulating %s: %d region(s) x %d stations, sampling %s, from %s, %s, seed %d, spin-up %.0f years%n",
          c.model().name(),
          c.regions(),
          sim.model().stations().size(),
          Durations.format(c.samplingInterval()),
          LocalDate.ofInstant(c.start(), ZoneOffset.UTC),
          !Double.isNaN(c.durationYears())
              ? String.format(Locale.ROOT, "%.0f years", c.durationYears())
              : c.eventsPerRegion() > 0
                  ? c.eventsPerRegion() + " earthquakes per region"
                  : "until stopped",
          c.seed(),
          c.spinUpYears());
      o.flush();
    }
  }
}
