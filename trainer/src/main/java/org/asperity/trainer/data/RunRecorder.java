package org.asperity.trainer.data;

import static org.asperity.time.TimeUnits.DAYS_PER_YEAR;
import static org.asperity.time.TimeUnits.MICROS_PER_DAY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionFeaturePipeline;
import org.asperity.features.RegionLayout;
import org.asperity.simulator.AsperityStates;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.EpochObservations;
import org.asperity.simulator.EpochSink;

/**
 * Receives one simulated region and turns it into rows: every epoch goes through the features'
 * {@link RegionFeaturePipeline} (the processing contract the job follows, at every tick), and the
 * vectors of row ticks (every {@code stride} from the start, warm-up included: the labels decide
 * what is a row) are kept with the true asperity state at the tick. Single region, single use.
 */
final class RunRecorder implements EpochSink {
  private static final int PROGRESS_BATCH = 1024;

  private final RegionFeaturePipeline pipeline;
  private final int featureCount;
  private final int asperities;
  private final long startMicros;
  private final long strideMicros;
  private final AtomicLong epochsDone;

  // The last three asperity-state samples (a ring): the row's tick and the day before it, for
  // rates.
  private final long[] stateEpoch = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
  private final double[][][] state;
  private int stateNext;

  private long[] ticks = new long[1024];
  private float[] features;
  private float[] truth;
  private int rows;
  private final List<Earthquake> earthquakes = new ArrayList<>();
  private int pendingProgress;

  RunRecorder(
      RegionLayout layout,
      FeatureConfig config,
      long startMicros,
      long strideMicros,
      AtomicLong epochsDone) {
    this.pipeline = new RegionFeaturePipeline(layout, config);
    this.featureCount = pipeline.schema().size();
    this.asperities = layout.asperityCount();
    this.startMicros = startMicros;
    this.strideMicros = strideMicros;
    this.epochsDone = epochsDone;
    this.state = new double[3][3][asperities];
    this.features = new float[ticks.length * featureCount];
    this.truth = new float[ticks.length * truthCount()];
  }

  int truthCount() {
    return asperities * TruthColumns.PER_ASPERITY;
  }

  @Override
  public void observations(int region, long epochMicros, EpochObservations o) {
    pipeline
        .accept(
            epochMicros,
            o.eastMeters(),
            o.northMeters(),
            o.upMeters(),
            o.sigmaEastMeters(),
            o.sigmaNorthMeters(),
            o.sigmaUpMeters(),
            o.present())
        .ifPresent(this::onVector);
    if (++pendingProgress == PROGRESS_BATCH) {
      epochsDone.addAndGet(pendingProgress);
      pendingProgress = 0;
    }
  }

  @Override
  public void earthquake(Earthquake earthquake) {
    earthquakes.add(earthquake);
  }

  @Override
  public void asperityStates(int region, long epochMicros, AsperityStates states) {
    int slot = stateNext;
    stateNext = (stateNext + 1) % stateEpoch.length;
    stateEpoch[slot] = epochMicros;
    System.arraycopy(states.slipDeficitMeters(), 0, state[slot][0], 0, asperities);
    System.arraycopy(states.shearStressMegapascals(), 0, state[slot][1], 0, asperities);
    System.arraycopy(states.strengthMegapascals(), 0, state[slot][2], 0, asperities);
  }

  private void onVector(FeatureVector vector) {
    long tick = vector.tickMicros();
    if ((tick - startMicros) % strideMicros != 0) {
      return;
    }
    if (rows == ticks.length) {
      int capacity = 2 * rows;
      ticks = Arrays.copyOf(ticks, capacity);
      features = Arrays.copyOf(features, capacity * featureCount);
      truth = Arrays.copyOf(truth, capacity * truthCount());
    }
    ticks[rows] = tick;
    for (int i = 0; i < featureCount; i++) {
      double v = vector.value(i);
      if (Double.isInfinite(v)) {
        throw new IllegalStateException(
            "feature "
                + pipeline.schema().names().get(i)
                + " is infinite at tick "
                + tick
                + ": the trees cannot take it");
      }
      features[rows * featureCount + i] = (float) v;
    }
    recordTruth(tick, rows * truthCount());
    rows++;
  }

  private void recordTruth(long tick, int at) {
    int now = slotOf(tick);
    int before = slotOf(tick - MICROS_PER_DAY);
    if (now < 0) {
      throw new IllegalStateException("no true asperity state at tick " + tick);
    }
    for (int a = 0; a < asperities; a++) {
      double stress = state[now][1][a];
      double strength = state[now][2][a];
      // The first tick of a record has no day before it (and is in the warm-up anyway).
      double rate = before < 0 ? Double.NaN : (stress - state[before][1][a]) * DAYS_PER_YEAR;
      int base = at + TruthColumns.column(a, 0);
      truth[base + TruthColumns.DEFICIT] = (float) state[now][0][a];
      truth[base + TruthColumns.STRESS] = (float) stress;
      truth[base + TruthColumns.STRENGTH] = (float) strength;
      truth[base + TruthColumns.STRESS_RATE] = (float) rate;
      truth[base + TruthColumns.YEARS_TO_STRENGTH] =
          rate > 0 ? (float) ((strength - stress) / rate) : Float.NaN;
    }
  }

  private int slotOf(long epochMicros) {
    for (int s = 0; s < stateEpoch.length; s++) {
      if (stateEpoch[s] == epochMicros) {
        return s;
      }
    }
    return -1;
  }

  /** Closes the last tick and returns what was recorded. */
  RunRecord finish(RunPlan plan) {
    pipeline.finish().ifPresent(this::onVector);
    epochsDone.addAndGet(pendingProgress);
    pendingProgress = 0;
    return new RunRecord(
        plan,
        startMicros,
        Arrays.copyOf(ticks, rows),
        Arrays.copyOf(features, rows * featureCount),
        featureCount,
        Arrays.copyOf(truth, rows * truthCount()),
        truthCount(),
        earthquakes);
  }

  List<String> featureNames() {
    return pipeline.schema().names();
  }
}
