package org.asperity.job.features;

import static org.asperity.job.features.RegionAssemblyTest.LAYOUT;
import static org.asperity.job.features.RegionAssemblyTest.NETWORKS;
import static org.asperity.job.features.RegionAssemblyTest.SPEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.asperity.job.catalog.CatalogRecord;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;
import org.junit.jupiter.api.Test;

/**
 * The region operator's second input: large earthquakes from the catalog topic. The synthetic
 * stream's coastal stations step at half its length (day 60 of 120, 45 of 90): an earthquake the
 * stations show, dated to that day's samples.
 */
class RegionAssemblyCatalogTest {
  private static final long DAY = SyntheticStream.DAY_MICROS;
  private static final long START = SyntheticStream.startMicros();

  private static double feature(RegionFeatures f, String name) {
    return f.value(SPEC.schema().indexOf(name));
  }

  private static long day(double d) {
    return START + Math.round(d * DAY);
  }

  private static CatalogRecord quake(String region, double onsetDay, double mw) {
    return CatalogRecord.quake(region, day(onsetDay), mw, region + "@" + onsetDay);
  }

  @Test
  void aLargeCatalogEarthquakeIsTheRegionsLastEventFromTheTickThatReachesIt() throws Exception {
    List<GnssObservation> stream = SyntheticStream.generate(LAYOUT, NETWORKS, 120, 3);
    Map<Long, List<GnssObservation>> byEpoch = RegionAssemblyTest.byEpoch(stream);
    List<Long> epochs = new ArrayList<>(byEpoch.keySet());
    Map<String, List<RegionFeatures>> out = new TreeMap<>();
    List<DeadLetterRecord> deadLetters;
    try (var s = RegionAssemblyTest.stations();
        var r = RegionAssemblyTest.regions(10 * DAY)) {
      s.open();
      r.open();
      r.processElement2(quake("net-a", 20.3, 7.4), 0);
      r.processElement2(quake("net-a", 90, 6.5), 0);
      // net-b: four events, one revised, the newest the stations' own: two are kept, one counts.
      r.processElement2(quake("net-b", 40, 7.2), 0);
      r.processElement2(quake("net-b", 60.3, 7.9), 0);
      r.processElement2(quake("net-b", 10, 7.2), 0);
      r.processElement2(quake("net-b", 20, 7.2), 0);
      r.processElement2(quake("net-b", 40.5, 7.3), 0);
      DeadLetterRecord bad =
          new DeadLetterRecord(
              DeadLetterReason.BAD_MARKER, "not Avro", "catalog.events", 0, 7, 0, null, null, null);
      r.processElement2(CatalogRecord.rejected("net-a", bad), 0);
      RegionAssemblyTest.run(s, r, byEpoch, epochs, new SplittableRandom(1), out);
      deadLetters = new ArrayList<>();
      r.getSideOutput(RegionAssembly.CATALOG_DEAD_LETTERS)
          .forEach(e -> deadLetters.add(e.getValue()));

      // Retirement clears the features but keeps the catalog (one map entry per region).
      long last = epochs.get(epochs.size() - 1);
      s.processWatermark(last + 12 * DAY);
      r.processWatermark1(new Watermark(last + 12 * DAY));
      assertEquals(2, r.numKeyedStateEntries());
    }
    assertEquals(1, deadLetters.size());
    assertEquals(DeadLetterReason.BAD_MARKER, deadLetters.get(0).reason());

    int[] counts = new int[3];
    for (RegionFeatures f : out.get("net-a")) {
      double since = feature(f, "network.timeSinceLastEvent.days");
      if (f.tickMicros() < day(20.3)) {
        assertTrue(Double.isNaN(since), "no event yet at " + f.tickMicros());
        counts[0]++;
      } else if (f.tickMicros() < day(60)) {
        assertEquals((f.tickMicros() - day(20.3)) / (double) DAY, since, 1e-9);
        assertEquals(7.4, feature(f, "network.lastEventMwProxy"));
        assertTrue(Double.isNaN(feature(f, "network.lastEventStations.count")));
        counts[1]++;
      } else if (f.tickMicros() >= day(63)) {
        // The stations' earthquake follows the catalog's; Mw 6.5 on day 90 is no large event.
        assertEquals((f.tickMicros() - day(60)) / (double) DAY, since, 1e-9);
        assertEquals(39.7, feature(f, "network.lastEventInterval.days"), 1e-9);
        counts[2]++;
      }
    }
    assertTrue(
        counts[0] > 15 && counts[1] > 35 && counts[2] > 50, java.util.Arrays.toString(counts));
    RegionFeatures lastB = out.get("net-b").get(out.get("net-b").size() - 1);
    assertEquals(
        (lastB.tickMicros() - day(60)) / (double) DAY,
        feature(lastB, "network.timeSinceLastEvent.days"),
        1e-9);
    // Day 60.3 and the stations' day 60 are one quake: the interval runs from the revised day 40.5.
    assertEquals(19.5, feature(lastB, "network.lastEventInterval.days"), 1e-9);
    assertTrue(feature(lastB, "network.lastEventStations.count") > 0);
  }

  @Test
  void aCatalogRecordArrivingLateCountsFromTheNextTickAndSurvivesARestore() throws Exception {
    List<GnssObservation> stream = SyntheticStream.generate(LAYOUT, NETWORKS, 90, 4);
    Map<Long, List<GnssObservation>> byEpoch = RegionAssemblyTest.byEpoch(stream);
    List<Long> epochs = new ArrayList<>(byEpoch.keySet());
    Map<String, List<RegionFeatures>> out = new TreeMap<>();
    try (var s = RegionAssemblyTest.stations();
        var r = RegionAssemblyTest.regions()) {
      s.open();
      r.open();
      RegionAssemblyTest.run(s, r, byEpoch, epochs.subList(0, 50), new SplittableRandom(2), out);
      r.processElement2(quake("net-a", 30.5, 8.0), 0);
      RegionAssemblyTest.run(s, r, byEpoch, epochs.subList(50, 70), new SplittableRandom(3), out);
      OperatorSubtaskState stations = s.snapshot(2, 2);
      try (var s2 = RegionAssemblyTest.stations();
          var r2 = RegionAssemblyTest.regions()) {
        s2.initializeState(stations);
        r2.initializeState(r.snapshot(2, 2));
        s2.open();
        r2.open();
        RegionAssemblyTest.run(
            s2, r2, byEpoch, epochs.subList(70, epochs.size()), new SplittableRandom(4), out);
      }
    }
    // The stations showed day 45; the catalog's day 30.5 becomes the previous event from the first
    // tick assembled after it arrived.
    int afterArrival = 0;
    for (RegionFeatures f : out.get("net-a")) {
      double interval = feature(f, "network.lastEventInterval.days");
      if (f.tickMicros() <= epochs.get(49)) {
        assertTrue(Double.isNaN(interval), "assembled before the record arrived");
      } else {
        assertEquals(14.5, interval, 1e-9);
        afterArrival++;
      }
    }
    assertEquals(epochs.size() - 50, afterArrival);
    assertTrue(
        out.get("net-b").stream()
            .allMatch(f -> Double.isNaN(feature(f, "network.lastEventInterval.days"))));
  }
}
