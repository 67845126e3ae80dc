package org.asperity.job.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

class NetworkClockTest {
  private static final long DAY = TimeUnits.MICROS_PER_DAY;
  private static final long LEAD = 30 * DAY;
  private static final long FAR = 470L * 365 * DAY;

  /** Three stations reporting each day from day 1 to {@code days}. */
  private static NetworkClock network(int days) {
    NetworkClock clock = new NetworkClock(2, LEAD);
    for (int d = 1; d <= days; d++) {
      for (String s : List.of("A", "B", "C")) {
        assertFalse(clock.quarantines(s, d * DAY));
      }
    }
    return clock;
  }

  @Test
  void oneStationFarAheadIsQuarantinedAndMovesNothing() {
    NetworkClock clock = network(10);
    assertEquals(10 * DAY, clock.networkMicros());
    assertTrue(clock.quarantines("A", FAR));
    assertEquals(FAR - 10 * DAY, clock.lastLeadMicros());
    assertEquals(10 * DAY, clock.networkMicros());
    // The others go on, A rejoins with its first record back within the horizon.
    assertFalse(clock.quarantines("B", 11 * DAY));
    assertFalse(clock.quarantines("C", 11 * DAY));
    assertEquals(11 * DAY, clock.networkMicros());
    assertFalse(clock.quarantines("A", 11 * DAY));
  }

  @Test
  void brokenReceiversFarApartInTheSequenceNeverMakeAQuorum() {
    NetworkClock clock = network(10);
    assertTrue(clock.quarantines("A", FAR));
    assertFalse(clock.quarantines("B", 11 * DAY));
    assertTrue(clock.quarantines("X", FAR), "A's claim is no longer pending");
    // Back to back, two stations agree: that is a quorum of two.
    assertFalse(clock.quarantines("Y", FAR));
    assertEquals(11 * DAY, clock.networkMicros(), "but one accepted claim moves nothing");
  }

  @Test
  void twoBrokenReceiversFarApartInTimeDoNotVouchForEachOther() {
    NetworkClock clock = network(10);
    assertTrue(clock.quarantines("A", FAR));
    long rollover = 10 * DAY + 1024L * 7 * DAY;
    assertTrue(clock.quarantines("B", rollover), "A's claim is centuries beyond B's");
    assertTrue(clock.quarantines("B", rollover + DAY));
    assertEquals(10 * DAY, clock.networkMicros());
    assertFalse(clock.quarantines("C", 11 * DAY));
    assertFalse(clock.quarantines("B", 11 * DAY), "B rejoins");
    assertEquals(11 * DAY, clock.networkMicros());
  }

  @Test
  void aStationAheadWithinTheHorizonDoesNotMoveTimeAlone() {
    NetworkClock clock = network(10);
    assertFalse(clock.quarantines("A", 39 * DAY));
    assertEquals(10 * DAY, clock.networkMicros());
    assertTrue(clock.quarantines("A", 41 * DAY));
    assertEquals(10 * DAY, clock.networkMicros());
  }

  @Test
  void aWholeNetworkResumingAfterALongOutageLosesOnlyItsFirstRecord() {
    NetworkClock clock = network(10);
    long resume = 70 * DAY;
    assertTrue(clock.quarantines("A", resume));
    assertFalse(clock.quarantines("B", resume));
    assertFalse(clock.quarantines("C", resume));
    assertEquals(resume, clock.networkMicros());
    assertFalse(clock.quarantines("A", resume + DAY));
  }

  @Test
  void networkEpochNeverDecreasesAndFarPastRecordsDoNotHoldItBack() {
    NetworkClock clock = network(10);
    assertFalse(clock.quarantines("A", DAY));
    assertFalse(clock.quarantines("B", 2 * DAY));
    assertEquals(10 * DAY, clock.networkMicros());
    assertFalse(clock.quarantines("B", 11 * DAY));
    assertFalse(clock.quarantines("C", 11 * DAY));
    assertEquals(11 * DAY, clock.networkMicros());
  }

  @Test
  void aLoneStationIsItsOwnNetwork() {
    NetworkClock clock = new NetworkClock(2, LEAD);
    assertFalse(clock.quarantines("A", DAY));
    assertEquals(DAY, clock.networkMicros());
    assertFalse(clock.quarantines("A", 5 * DAY));
    assertEquals(5 * DAY, clock.networkMicros());
  }

  @Test
  void restoredClockDecidesAsTheOriginal() {
    NetworkClock original = network(10);
    original.quarantines("A", FAR);
    NetworkClock restored = new NetworkClock(2, LEAD);
    original.stations().forEach(restored::restore);
    restored.restoreNetworkMicros(original.networkMicros());
    assertEquals(original.stations(), restored.stations());
    for (long epoch : new long[] {FAR + DAY, 11 * DAY, 12 * DAY}) {
      for (String s : List.of("A", "B", "C")) {
        assertEquals(original.quarantines(s, epoch), restored.quarantines(s, epoch), s + epoch);
        assertEquals(original.networkMicros(), restored.networkMicros());
      }
    }
  }

  @Test
  void stationsTrackedAreCappedByForgettingTheOldest() {
    NetworkClock clock = network(10);
    for (int i = 0; i < NetworkClock.MAX_STATIONS + 5; i++) {
      clock.quarantines("S" + i, 10 * DAY + i);
    }
    assertEquals(NetworkClock.MAX_STATIONS, clock.stations().size());
    assertTrue(clock.stations().stream().noneMatch(c -> c.station().equals("A")));
    assertTrue(clock.stations().stream().anyMatch(c -> c.station().equals("S5")));
  }

  @Test
  void extremeEpochsDoNotOverflow() {
    NetworkClock clock = new NetworkClock(2, LEAD);
    assertFalse(clock.quarantines("A", Long.MIN_VALUE + 1));
    assertTrue(clock.quarantines("B", Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, clock.lastLeadMicros());
  }
}
