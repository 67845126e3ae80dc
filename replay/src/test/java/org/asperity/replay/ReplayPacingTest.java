package org.asperity.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.time.ManualClock;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

/** Replay pacing against a manual clock: every record's wall time is exact. */
class ReplayPacingTest {
  private static final long SECOND = TimeUnits.NANOS_PER_SECOND;
  private static final Instant T0 = Instant.parse("2020-01-01T12:00:00Z");

  /** Observations of one station at the given offsets (seconds) from {@link #T0}. */
  private static ObservationReader observationsAt(long... offsetSeconds) {
    Deque<GnssObservation> queue = new ArrayDeque<>();
    for (long offset : offsetSeconds) {
      queue.add(
          GnssObservation.newBuilder()
              .setStation("AAAA")
              .setNetwork("NET")
              .setEpoch(T0.plusSeconds(offset))
              .setEastMeters(0.0)
              .setNorthMeters(0.0)
              .setUpMeters(0.0)
              .setSigmaEastMeters(0.001)
              .setSigmaNorthMeters(0.001)
              .setSigmaUpMeters(0.003)
              .setSource(ObservationSource.REPLAY)
              .build());
    }
    return new ObservationReader() {
      @Override
      public GnssObservation next() {
        return queue.poll();
      }

      @Override
      public String name() {
        return "test";
      }

      @Override
      public void close() {}
    };
  }

  /** Records the clock's time at each accepted observation. */
  private static final class TimingSink implements ObservationSink {
    final ManualClock clock;
    final List<Long> times = new ArrayList<>();

    TimingSink(ManualClock clock) {
      this.clock = clock;
    }

    @Override
    public void accept(GnssObservation observation) {
      times.add(clock.nanoTime());
    }

    @Override
    public void close() {}
  }

  private static ReplayOptions historicAt(double speedFactor) {
    return new ReplayOptions(false, speedFactor, Set.of(), null, null, T0);
  }

  @Test
  void eachRecordIsReleasedAtItsEventOffsetDividedByTheSpeed() throws IOException {
    ManualClock clock = new ManualClock();
    TimingSink sink = new TimingSink(clock);
    // One day of data per wall second; the gap of three days takes three seconds.
    Replay replay =
        new Replay(
            observationsAt(0, 86_400, 2 * 86_400, 5 * 86_400),
            historicAt(TimeUnits.SECONDS_PER_DAY),
            new RejectLog(false),
            clock);

    ReplaySummary summary = replay.run(sink, p -> {});

    assertEquals(List.of(0L, SECOND, 2 * SECOND, 5 * SECOND), sink.times);
    assertEquals(5.0, summary.wallSeconds());
  }

  @Test
  void asFastAsPossibleNeverWaits() throws IOException {
    ManualClock clock = new ManualClock();
    TimingSink sink = new TimingSink(clock);

    new Replay(
            observationsAt(0, 86_400, 2 * 86_400),
            ReplayOptions.historicAsFastAsPossible(),
            new RejectLog(false),
            clock)
        .run(sink, p -> {});

    assertEquals(List.of(0L, 0L, 0L), sink.times);
  }

  @Test
  void aStopRequestedWhileWaitingEndsTheReplayWithoutTheAwaitedRecord() throws IOException {
    ManualClock clock = new ManualClock();
    TimingSink sink = new TimingSink(clock);
    Replay replay =
        new Replay(
            observationsAt(0, 86_400, 2 * 86_400),
            historicAt(TimeUnits.SECONDS_PER_DAY),
            new RejectLog(false),
            clock);
    clock.onPark = replay::requestStop;

    ReplaySummary summary = replay.run(sink, p -> {});

    assertEquals(List.of(0L), sink.times);
    assertEquals(1, summary.written());
    assertTrue(clock.now < SECOND, "stopped within the wait for the second record: " + clock.now);
  }
}
