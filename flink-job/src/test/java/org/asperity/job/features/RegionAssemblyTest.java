package org.asperity.job.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionLayout;
import org.asperity.job.JobOptions;
import org.asperity.job.catalog.CatalogRecord;
import org.asperity.job.ingest.Observation;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.testing.OfflineReference;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestRegion;
import org.asperity.job.types.Micros;
import org.asperity.schemas.GnssObservation;
import org.junit.jupiter.api.Test;

/** Station and region operators together against the offline pipeline, bit for bit. */
class RegionAssemblyTest {
  static final RegionLayout LAYOUT = TestRegion.layout(4, 4, 11);
  static final FeatureConfig CONFIG = TestRegion.CONFIG;
  static final FeatureSpec SPEC = new FeatureSpec(CONFIG, LAYOUT);
  static final List<String> NETWORKS = List.of("net-a", "net-b");
  static final double LARGE_EVENT_MAGNITUDE = 7.0;

  static KeyedOneInputStreamOperatorTestHarness<String, Observation, SnapshotRecord> stations()
      throws Exception {
    return stations(365L * SyntheticStream.DAY_MICROS);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Observation, SnapshotRecord>
      stations(long retirementMicros) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new StationFeatures(
                    SPEC,
                    retirementMicros,
                    JobOptions.DEFAULT_MAX_PENDING_SAMPLES,
                    "t",
                    MetricsEndpoint.disabled(),
                    StationStateLayout.WHOLE)),
            Observation::stationKey,
            Types.STRING);
    h.setup(SnapshotRecord.TYPE_INFO.createSerializer(null));
    return h;
  }

  static KeyedTwoInputStreamOperatorTestHarness<
          String, SnapshotRecord, CatalogRecord, RegionFeatures>
      regions() throws Exception {
    return regions(365L * SyntheticStream.DAY_MICROS);
  }

  static KeyedTwoInputStreamOperatorTestHarness<
          String, SnapshotRecord, CatalogRecord, RegionFeatures>
      regions(long retirementMicros) throws Exception {
    var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new ObservationTimeCoProcessOperator<>(
                new RegionAssembly(
                    SPEC, retirementMicros, LARGE_EVENT_MAGNITUDE, MetricsEndpoint.disabled())),
            SnapshotRecord::region,
            CatalogRecord::region,
            Types.STRING);
    h.setup(RegionFeatures.TYPE_INFO.createSerializer(null));
    return h;
  }

  @Test
  void featuresEqualTheOfflinePipelineWhateverTheArrivalOrder() throws Exception {
    List<GnssObservation> stream = SyntheticStream.generate(LAYOUT, NETWORKS, 150, 3);
    Map<String, List<FeatureVector>> expected = OfflineReference.features(LAYOUT, CONFIG, stream);

    Map<String, List<RegionFeatures>> actual = new TreeMap<>();
    OperatorSubtaskState stationCheckpoint;
    OperatorSubtaskState regionCheckpoint;
    SplittableRandom shuffle = new SplittableRandom(5);
    Map<Long, List<GnssObservation>> byEpoch = byEpoch(stream);
    List<Long> epochs = new ArrayList<>(byEpoch.keySet());
    int half = epochs.size() / 2;
    try (var s = stations();
        var r = regions()) {
      s.open();
      r.open();
      run(s, r, byEpoch, epochs.subList(0, half), shuffle, actual);
      stationCheckpoint = s.snapshot(1, 1);
      regionCheckpoint = r.snapshot(1, 1);
    }
    try (var s = stations();
        var r = regions()) {
      s.initializeState(stationCheckpoint);
      r.initializeState(regionCheckpoint);
      s.open();
      r.open();
      run(s, r, byEpoch, epochs.subList(half, epochs.size()), shuffle, actual);
    }

    assertEquals(expected.keySet(), actual.keySet());
    for (String network : NETWORKS) {
      List<FeatureVector> want = expected.get(network);
      List<RegionFeatures> got = actual.get(network);
      assertEquals(want.size(), got.size(), network);
      for (int i = 0; i < want.size(); i++) {
        assertEquals(want.get(i).tickMicros(), got.get(i).tickMicros());
        assertArrayEquals(want.get(i).values(), got.get(i).values(), network + " tick " + i);
        assertEquals(want.get(i).stationsUsed(), got.get(i).stationsUsed());
        assertEquals(want.get(i).missingStations(), got.get(i).missingStations());
      }
    }
  }

  /**
   * Retiring after 10 days of silence: a live region's features are the offline pipeline's all
   * along, and once every station and the region fall silent for that long, nothing is left.
   */
  @Test
  void aRegionRetiresOnlyAfterItsSilence() throws Exception {
    long retirement = 10 * SyntheticStream.DAY_MICROS;
    List<GnssObservation> stream = SyntheticStream.generate(LAYOUT, NETWORKS, 60, 3);
    Map<String, List<FeatureVector>> expected = OfflineReference.features(LAYOUT, CONFIG, stream);
    Map<String, List<RegionFeatures>> actual = new TreeMap<>();
    Map<Long, List<GnssObservation>> byEpoch = byEpoch(stream);
    List<Long> epochs = new ArrayList<>(byEpoch.keySet());
    try (var s = stations(retirement);
        var r = regions(retirement)) {
      s.open();
      r.open();
      run(s, r, byEpoch, epochs, new SplittableRandom(7), actual);
      for (String network : NETWORKS) {
        List<FeatureVector> want = expected.get(network);
        List<RegionFeatures> got = actual.get(network);
        assertEquals(want.size(), got.size(), network);
        for (int i = 0; i < want.size(); i++) {
          assertArrayEquals(want.get(i).values(), got.get(i).values(), network + " tick " + i);
        }
      }
      assertTrue(r.numKeyedStateEntries() > 0);

      long last = epochs.get(epochs.size() - 1);
      s.processWatermark(last + retirement - 1);
      r.processWatermark1(new Watermark(last + retirement - 1));
      assertTrue(r.numKeyedStateEntries() > 0, "not yet silent for the retirement period");
      s.processWatermark(last + retirement + SyntheticStream.DAY_MICROS);
      r.processWatermark1(new Watermark(last + retirement + SyntheticStream.DAY_MICROS));
      assertEquals(0, s.numKeyedStateEntries());
      assertEquals(0, r.numKeyedStateEntries());
      assertTrue(r.extractOutputValues().isEmpty(), "retiring emits nothing");
    }
  }

  /** One day at a time: observations shuffled, their snapshots reversed, then the watermark. */
  static void run(
      KeyedOneInputStreamOperatorTestHarness<String, Observation, SnapshotRecord> s,
      KeyedTwoInputStreamOperatorTestHarness<String, SnapshotRecord, CatalogRecord, RegionFeatures>
          r,
      Map<Long, List<GnssObservation>> byEpoch,
      List<Long> epochs,
      SplittableRandom shuffle,
      Map<String, List<RegionFeatures>> out)
      throws Exception {
    for (long epoch : epochs) {
      List<GnssObservation> day = new ArrayList<>(byEpoch.get(epoch));
      Collections.shuffle(day, new java.util.Random(shuffle.nextLong()));
      for (GnssObservation o : day) {
        s.processElement(
            new Observation(
                o.getNetwork(),
                o.getStation(),
                epoch,
                o.getEastMeters(),
                o.getNorthMeters(),
                o.getUpMeters(),
                o.getSigmaEastMeters(),
                o.getSigmaNorthMeters(),
                o.getSigmaUpMeters(),
                0L,
                Long.MIN_VALUE,
                0,
                0L,
                null,
                null),
            epoch);
      }
      s.processWatermark(epoch);
      List<SnapshotRecord> snapshots = new ArrayList<>(s.extractOutputValues());
      s.getOutput().clear();
      Collections.reverse(snapshots);
      for (SnapshotRecord snapshot : snapshots) {
        r.processElement1(snapshot, snapshot.snapshot().tickMicros());
      }
      r.processWatermark1(new Watermark(epoch));
      for (RegionFeatures f : r.extractOutputValues()) {
        out.computeIfAbsent(f.region(), k -> new ArrayList<>()).add(f);
      }
      r.getOutput().clear();
    }
  }

  static Map<Long, List<GnssObservation>> byEpoch(List<GnssObservation> stream) {
    Map<Long, List<GnssObservation>> byEpoch = new TreeMap<>();
    for (GnssObservation o : stream) {
      byEpoch.computeIfAbsent(Micros.of(o.getEpoch()), k -> new ArrayList<>()).add(o);
    }
    return byEpoch;
  }
}
