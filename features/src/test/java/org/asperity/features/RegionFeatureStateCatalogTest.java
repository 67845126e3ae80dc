package org.asperity.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.ArrayList;
import java.util.List;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Large earthquakes from a catalog, alone and together with the ones the stations show. */
class RegionFeatureStateCatalogTest {
  private static final long DAY = TimeUnits.MICROS_PER_DAY;
  private static final long START = SyntheticRegion.START;
  private static final FeatureConfig CONFIG = FeatureConfig.builder().windows(10, 60, 400).build();
  private static final double[] RATES = {0.05, 0.04, 0.06, 0.01};

  /** Origin times: a quarter and a fifth of a day after midnight; samples are at noon. */
  private static final long ONSET_1 = START + 500 * DAY + DAY / 4;

  private static final long ONSET_2 = START + 1100 * DAY + DAY / 5;
  private static final List<SyntheticRegion.Event> EVENTS =
      List.of(
          new SyntheticRegion.Event(ONSET_1, new double[] {3.0, 0, 0}),
          new SyntheticRegion.Event(ONSET_2, new double[] {0, 2.5, 3.0}));

  /** A catalog entry: origin time and Mw. */
  private record Quake(long onsetMicros, double mw) {}

  private static SyntheticRegion region;
  private static SyntheticRegion.Record record;
  private static FeatureSchema schema;

  @BeforeAll
  static void simulate() {
    region = SyntheticRegion.create(12, 16, 3, 7);
    record = region.simulate(1300, RATES, EVENTS, 1, 0.0);
    schema = new FeatureSchema(CONFIG, region.layout.asperityIds());
  }

  /**
   * Streams days {@code fromDay..} into a fresh state; before each tick is assembled, notes the
   * catalog quakes whose origin time it has reached.
   */
  private static List<FeatureVector> run(int fromDay, List<Quake> catalog) {
    return run(fromDay, catalog, new RegionFeatureState(region.layout, CONFIG));
  }

  private static List<FeatureVector> run(
      int fromDay, List<Quake> catalog, RegionFeatureState state) {
    StationFeatureState[] stations = new StationFeatureState[region.layout.stationCount()];
    for (int i = 0; i < stations.length; i++) {
      stations[i] = region.layout.newStationState(region.layout.stations().get(i).code(), CONFIG);
    }
    List<Quake> pending = new ArrayList<>(catalog);
    List<FeatureVector> out = new ArrayList<>();
    for (int d = fromDay; d < record.epochCount(); d++) {
      long epoch = record.epochs()[d];
      long tick = CONFIG.tickOf(epoch);
      for (int s = 0; s < stations.length; s++) {
        stations[s].update(
            epoch,
            record.east()[d][s],
            record.north()[d][s],
            record.up()[d][s],
            record.sigmaEast()[d][s],
            record.sigmaNorth()[d][s],
            record.sigmaUp()[d][s]);
        state.offer(stations[s].snapshot(tick));
      }
      for (var it = pending.iterator(); it.hasNext(); ) {
        Quake q = it.next();
        if (q.onsetMicros() <= tick) {
          state.noteCatalogEvent(q.onsetMicros(), q.mw());
          it.remove();
        }
      }
      out.add(state.assemble(tick));
    }
    return out;
  }

  private static double feature(FeatureVector v, String name) {
    return v.value(schema.indexOf(name));
  }

  private static FeatureVector at(List<FeatureVector> vectors, long tick) {
    return vectors.stream().filter(v -> v.tickMicros() == tick).findFirst().orElseThrow();
  }

  private static long tickOfDay(int d) {
    return START + (d + 1) * DAY;
  }

  @Test
  void aJobStartedAfterTheRuptureKnowsItFromTheCatalog() {
    List<FeatureVector> replayed = run(0, List.of());
    List<FeatureVector> windowOnly = run(600, List.of(new Quake(ONSET_1, 7.9)));
    FeatureVector first = windowOnly.get(0);
    assertEquals(tickOfDay(600), first.tickMicros());
    assertEquals(
        (tickOfDay(600) - ONSET_1) / (double) DAY,
        feature(first, "network.timeSinceLastEvent.days"),
        1e-12);
    assertEquals(7.9, feature(first, "network.lastEventMwProxy"));
    assertTrue(Double.isNaN(feature(first, "network.lastEventStations.count")));
    assertTrue(Double.isNaN(feature(first, "network.lastEventAsperities.count")));
    // The replay dated the event by its stations' noon samples: a quarter of a day later.
    for (int d : new int[] {600, 900, 1099}) {
      assertEquals(
          feature(at(replayed, tickOfDay(d)), "network.timeSinceLastEvent.days") + 0.25,
          feature(at(windowOnly, tickOfDay(d)), "network.timeSinceLastEvent.days"),
          1e-9);
    }
    // The next rupture is detected by the stations and follows the catalog's event.
    FeatureVector second = at(windowOnly, tickOfDay(1101));
    assertEquals(1.5, feature(second, "network.timeSinceLastEvent.days"), 1e-12);
    assertEquals(
        (START + 1100 * DAY + DAY / 2 - ONSET_1) / (double) DAY,
        feature(second, "network.lastEventInterval.days"),
        1e-9);
    assertEquals(2.0, feature(second, "network.lastEventAsperities.count"));
  }

  @Test
  void aQuakeBothInTheCatalogAndSeenByTheStationsCountsOnce() {
    List<FeatureVector> replayed = run(0, List.of());
    List<FeatureVector> both = run(0, List.of(new Quake(ONSET_1, 7.9), new Quake(ONSET_2, 8.1)));
    assertEquals(replayed.size(), both.size());
    for (int k = 0; k < replayed.size(); k++) {
      long tick = replayed.get(k).tickMicros();
      if (tick == tickOfDay(500) || tick == tickOfDay(1100)) {
        // Known from the catalog one tick before its stations confirm it.
        assertEquals(
            (tick - (tick == tickOfDay(500) ? ONSET_1 : ONSET_2)) / (double) DAY,
            feature(both.get(k), "network.timeSinceLastEvent.days"),
            1e-12);
        continue;
      }
      assertArrayEquals(replayed.get(k).values(), both.get(k).values(), "tick " + k);
    }
    // Noted after the stations declared it, a catalog event changes nothing either.
    RegionFeatureState state = new RegionFeatureState(region.layout, CONFIG);
    run(0, List.of(), state);
    byte[] before = state.toBytes();
    assertFalse(state.noteCatalogEvent(ONSET_2, 8.1));
    assertFalse(state.noteCatalogEvent(ONSET_1, 7.9));
    assertArrayEquals(before, state.toBytes());
  }

  @Test
  void catalogEventsCountByOriginTimeNotArrivalAndRepeatsChangeNothing() throws Exception {
    long t1 = START + 100 * DAY;
    long t2 = START + 200 * DAY;
    long t3 = START + 300 * DAY;
    RegionFeatureState inOrder = new RegionFeatureState(region.layout, CONFIG);
    assertTrue(inOrder.noteCatalogEvent(t1, 7.1));
    assertTrue(inOrder.noteCatalogEvent(t2, 7.2));
    assertTrue(inOrder.noteCatalogEvent(t3, 7.3));
    RegionFeatureState shuffled = new RegionFeatureState(region.layout, CONFIG);
    assertTrue(shuffled.noteCatalogEvent(t3, 7.3));
    assertTrue(shuffled.noteCatalogEvent(t1, 7.1));
    assertTrue(shuffled.noteCatalogEvent(t2, 7.2));
    assertFalse(shuffled.noteCatalogEvent(t1, 7.1), "older than the last two");
    assertFalse(shuffled.noteCatalogEvent(t3, 7.3), "a repeat");
    assertFalse(shuffled.noteCatalogEvent(t2 + DAY, 7.2), "the previous event, re-dated");
    assertArrayEquals(inOrder.toBytes(), shuffled.toBytes());

    FeatureVector v = inOrder.assemble(START + 400 * DAY);
    assertEquals(100.0, feature(v, "network.timeSinceLastEvent.days"));
    assertEquals(100.0, feature(v, "network.lastEventInterval.days"));
    assertEquals(7.3, feature(v, "network.lastEventMwProxy"));

    // A revised entry of the last quake (within the coincidence window) replaces it.
    assertTrue(inOrder.noteCatalogEvent(t3 + DAY / 2, 7.4));
    // And the state survives a restore with the catalog-only marker.
    RegionFeatureState restored =
        RegionFeatureState.readFrom(
            new DataInputStream(new ByteArrayInputStream(inOrder.toBytes())),
            region.layout,
            CONFIG);
    FeatureVector w = restored.assemble(START + 401 * DAY);
    assertEquals(7.4, feature(w, "network.lastEventMwProxy"));
    assertEquals(100.5, feature(w, "network.timeSinceLastEvent.days"));
    assertTrue(Double.isNaN(feature(w, "network.lastEventStations.count")));
  }
}
