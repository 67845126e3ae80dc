package org.asperity.trainer.data;

import java.util.List;
import org.asperity.simulator.Earthquake;

/**
 * What one simulation run recorded: the feature vector and the true asperity state at every row
 * tick after the warm-up, and every earthquake.
 *
 * @param plan the run
 * @param startMicros first epoch of the record
 * @param ticks row ticks, increasing, microseconds since 1970
 * @param features {@code ticks.length x featureCount} values, row-major, in the schema's order
 * @param truth {@code ticks.length x truthCount} values, row-major, see {@link TruthColumns}
 * @param earthquakes every earthquake of the run, in onset order
 */
public record RunRecord(
    RunPlan plan,
    long startMicros,
    long[] ticks,
    float[] features,
    int featureCount,
    float[] truth,
    int truthCount,
    List<Earthquake> earthquakes) {

  public RunRecord {
    earthquakes = List.copyOf(earthquakes);
    if (features.length != (long) ticks.length * featureCount
        || truth.length != (long) ticks.length * truthCount) {
      throw new IllegalArgumentException("row arrays do not match " + ticks.length + " ticks");
    }
  }

  public int rows() {
    return ticks.length;
  }
}
