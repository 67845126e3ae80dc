package org.asperity.app;

import java.time.Duration;
import java.util.Locale;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.io.KafkaStreamWriter;
import org.asperity.time.Durations;
import org.asperity.time.TimeUnits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The simulator streaming to Kafka on its own thread, for the demo; stops when closed. */
final class SimulatorService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.asperity.app");

  private final Simulation simulation;
  private final KafkaStreamWriter writer;
  private final Thread thread;
  private volatile Throwable failure;

  SimulatorService(
      SimulationConfig config, KafkaClientSettings settings, TopicNames topics, Runnable onFailure)
      throws Exception {
    this.simulation = new Simulation(config);
    this.writer = new KafkaStreamWriter(settings, topics);
    this.thread =
        new Thread(
            () -> {
              try {
                simulation.run(writer, p -> {});
              } catch (Throwable t) {
                failure = t;
                LOG.error("simulator stopped: {}", ErrorMessages.describe(t));
                onFailure.run();
              }
            },
            "asperity-simulator");
    this.thread.setDaemon(true);
  }

  SimulatorService start() {
    thread.start();
    return this;
  }

  Simulation simulation() {
    return simulation;
  }

  String describe() {
    SimulationConfig c = simulation.config();
    return String.format(
        Locale.ROOT,
        "%s preset, %d region(s) x %d stations, sampling %s, %s%s, seed %d",
        c.model().name(),
        c.regions(),
        simulation.model().stations().size(),
        Durations.format(c.samplingInterval()),
        c.pacing().catchUpYears() > 0 && !c.pacing().unpaced()
            ? String.format(
                Locale.ROOT,
                "the first %.0f years as fast as possible, then ",
                c.pacing().catchUpYears())
            : "",
        c.pacing().unpaced()
            ? "as fast as possible"
            : Durations.format(
                    Duration.ofMillis(
                        Math.round(c.pacing().speedFactor() * TimeUnits.MILLIS_PER_SECOND)))
                + " of simulated time per second",
        c.seed());
  }

  @Override
  public void close() throws Exception {
    simulation.requestStop();
    thread.join(30_000);
    writer.close();
    if (failure instanceof Exception e) {
      throw e;
    }
  }
}
