package org.asperity.simulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives what a {@link Simulation} produces, in simulated-time order. For each epoch and each
 * region in turn: the earthquakes with onset up to the epoch, the asperity states when a
 * slip-deficit sample is due, then the observations. Arrays passed in are reused: copy what you
 * keep.
 */
public interface EpochSink extends AutoCloseable {

  /** Called once before the first epoch. */
  default void begin(StaticModel model, List<String> regionIds) throws IOException {}

  /** The observations of one region at one epoch. */
  void observations(int region, long epochMicros, EpochObservations observations)
      throws IOException;

  default void earthquake(Earthquake earthquake) throws IOException {}

  default void asperityStates(int region, long epochMicros, AsperityStates states)
      throws IOException {}

  /** Called once after the last epoch. */
  default void end(SimulationSummary summary) throws IOException {}

  @Override
  default void close() throws IOException {}

  /** A sink that does nothing (benchmarks, statistics only). */
  static EpochSink discard() {
    return (region, epochMicros, observations) -> {};
  }

  /** Forwards every callback to each sink in order; closes them all. */
  static EpochSink all(EpochSink... sinks) {
    List<EpochSink> list = List.of(sinks);
    return new EpochSink() {
      @Override
      public void begin(StaticModel model, List<String> regionIds) throws IOException {
        for (EpochSink s : list) {
          s.begin(model, regionIds);
        }
      }

      @Override
      public void observations(int region, long epochMicros, EpochObservations observations)
          throws IOException {
        for (EpochSink s : list) {
          s.observations(region, epochMicros, observations);
        }
      }

      @Override
      public void earthquake(Earthquake earthquake) throws IOException {
        for (EpochSink s : list) {
          s.earthquake(earthquake);
        }
      }

      @Override
      public void asperityStates(int region, long epochMicros, AsperityStates states)
          throws IOException {
        for (EpochSink s : list) {
          s.asperityStates(region, epochMicros, states);
        }
      }

      @Override
      public void end(SimulationSummary summary) throws IOException {
        for (EpochSink s : list) {
          s.end(summary);
        }
      }

      @Override
      public void close() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (EpochSink s : list) {
          try {
            s.close();
          } catch (IOException e) {
            failures.add(e);
          }
        }
        if (!failures.isEmpty()) {
          IOException first = failures.get(0);
          failures.stream().skip(1).forEach(first::addSuppressed);
          throw first;
        }
      }
    };
  }
}
