package org.asperity.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asperity.time.ManualClock;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

/** Pacing against a manual clock: every epoch's wall time is exact. */
class SimulationPacingTest {
  private static final long SECOND = TimeUnits.NANOS_PER_SECOND;

  /** The wall time at which each epoch of region 0 reached the sink. */
  private static List<Long> wallTimesOfEpochs(Pacing pacing, double years) throws IOException {
    ManualClock clock = new ManualClock();
    SimulationConfig config =
        SimulationTestSupport.small()
            .durationYears(years)
            .samplingInterval(Duration.ofDays(1))
            .pacing(pacing)
            .build();
    List<Long> times = new ArrayList<>();
    new Simulation(config, clock)
        .run(
            new EpochSink() {
              @Override
              public void observations(int region, long epochMicros, EpochObservations o) {
                times.add(clock.nanoTime());
              }
            },
            ProgressListener.none());
    return times;
  }

  @Test
  void eachEpochIsReleasedAtItsSimulatedTimeDividedByTheSpeedFactor() throws IOException {
    // One simulated day per wall second, daily epochs: epoch k at exactly k seconds.
    List<Long> times = wallTimesOfEpochs(Pacing.speedFactor(TimeUnits.SECONDS_PER_DAY), 0.05);

    assertEquals(19, times.size());
    for (int k = 0; k < times.size(); k++) {
      assertEquals(k * SECOND, times.get(k), "epoch " + k);
    }
  }

  @Test
  void catchUpEpochsGoAtOnceAndPacingStartsWhereTheCatchUpEnds() throws IOException {
    // The first epoch at or after one year is day 366, 0.75 days past 365.25: it waits 0.75 s.
    List<Long> times =
        wallTimesOfEpochs(Pacing.speedFactor(TimeUnits.SECONDS_PER_DAY).afterCatchUp(1.0), 1.02);

    for (int k = 0; k < 366; k++) {
      assertEquals(0L, times.get(k), "catch-up epoch " + k);
    }
    for (int k = 366; k < times.size(); k++) {
      assertEquals(3 * SECOND / 4 + (k - 366) * SECOND, times.get(k), "paced epoch " + k);
    }
  }

  @Test
  void anUnpacedRunNeverWaits() throws IOException {
    List<Long> times = wallTimesOfEpochs(Pacing.asFastAsPossible(), 0.05);
    assertEquals(List.of(0L), times.stream().distinct().toList());
  }
}
