package org.asperity.trainer.data;

import static org.asperity.time.TimeUnits.DAYS_PER_YEAR;
import static org.asperity.time.TimeUnits.MICROS_PER_DAY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionLayout;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.Preset;
import org.asperity.simulator.physics.RuptureExtent;
import org.junit.jupiter.api.Test;

/**
 * Assembling labelled rows from recorded runs, without simulating: the split is by run (hence by
 * cycle), cycles are counted and measured, and the hash covers the rows.
 */
class DatasetTest {

  private static final long DAY = MICROS_PER_DAY;
  private static final long START = 20_000 * DAY;

  @Test
  void everyCycleLivesInExactlyOneSet() {
    Dataset data = dataset(7, 0f);
    Map<Long, Split> setOfCycle = new HashMap<>();
    for (int r = 0; r < data.rows(); r++) {
      long key = ((long) data.run(r) << 32) | data.cycle(r);
      Split previous = setOfCycle.putIfAbsent(key, data.split(r));
      assertTrue(previous == null || previous == data.split(r), "cycle " + key + " spans two sets");
      assertEquals(Split.ofRun(data.run(r), 7), data.split(r));
    }
    int[] train = data.rowsOf(Split.TRAIN);
    int[] validation = data.rowsOf(Split.VALIDATION);
    int[] test = data.rowsOf(Split.TEST);
    assertEquals(data.rows(), train.length + validation.length + test.length);
    assertTrue(IntStream.of(train).allMatch(r -> data.split(r) == Split.TRAIN));
    assertEquals(5 * 2, data.cycles(Split.TRAIN).size(), "5 training runs of 2 cycles");
    assertEquals(2, data.cycles(Split.VALIDATION).size());
    assertEquals(2, data.cycles(Split.TEST).size());
    for (Dataset.Cycle c : data.cycles()) {
      int[] rows = data.rowsOf(List.of(c));
      assertEquals(c.rows(), rows.length);
      assertTrue(IntStream.of(rows).allMatch(r -> data.split(r) == c.split()));
    }
  }

  @Test
  void cyclesHaveTheirDurationsAndClosingMagnitudes() {
    Dataset data = dataset(3, 0f);
    Dataset.Cycle first = data.cycles().get(0);
    assertEquals(0, first.run());
    assertEquals(1, first.cycle());
    assertEquals(300.0, first.durationDays(), 1e-9);
    assertEquals(8.1, first.endMagnitude());
    assertEquals(250.0, data.cycles().get(1).durationDays(), 1e-9);
    assertEquals(275.0, data.meanTrainingRecurrenceDays(), 1e-9);
    // Ticks every 10 days from 0 to 800: warm-up < 100, no cycle start < 150 (the first large
    // event),
    // rupture windows of 30 days after the events at 150, 450 and 600 (700 ends the record).
    Map<RowLabel.Status, Long> status = data.ticksByStatus();
    assertEquals(10L * 3, status.get(RowLabel.Status.WARM_UP));
    assertEquals(5L * 3, status.get(RowLabel.Status.NO_PREVIOUS_EVENT));
    assertEquals(11L * 3, status.get(RowLabel.Status.NO_NEXT_EVENT), "from 700 to 800 days");
    assertEquals(
        3L * 3 * 3,
        status.get(RowLabel.Status.RUPTURE_IN_WINDOW),
        "three ticks after 150, 450 and 600");
    int row = data.rowsOf(Split.TRAIN)[0];
    assertEquals(START + 180 * DAY, data.tickMicros(row));
    assertEquals(270.0, data.ttfDays(row), 1e-9);
    assertEquals(30.0, data.daysSinceLastEvent(row), 1e-9);
  }

  @Test
  void theHashFollowsTheRows() {
    String built = dataset(3, 0f).hash();
    String rebuilt = dataset(3, 0f).hash();
    assertEquals(built, rebuilt);
    assertNotEquals(dataset(3, 0f).hash(), dataset(3, 1e-3f).hash());
  }

  @Test
  void columnsAreCopiedRowByRow() {
    Dataset data = dataset(3, 0f);
    int[] rows = data.rowsOf(Split.TEST);
    float[] values = data.featureColumns(rows, new int[] {2, 0});
    assertEquals(data.feature(rows[1], 2), values[2]);
    assertEquals(data.feature(rows[1], 0), values[3]);
    float[] all = data.featureMatrix(rows);
    int f = data.featureNames().size();
    assertArrayEquals(
        java.util.Arrays.copyOfRange(all, f, 2 * f),
        java.util.Arrays.copyOfRange(data.featureMatrix(new int[] {rows[1]}), 0, f));
  }

  /**
   * {@code runs} runs with the same catalog: large events at 150, 450 and 700 days (Mw 8.2, 8.1,
   * 7.9), a small one at 600; a row tick every 10 days from 0 to 800; feature values that encode
   * run, tick and column.
   */
  static Dataset dataset(int runs, float perturbation) {
    FeatureConfig config = FeatureConfig.builder().windows(10, 30, 100).build();
    RegionLayout layout = layout();
    FeatureSchema schema = FeatureSchema.of(config, layout);
    DataSpec spec =
        new DataSpec(
            Preset.NATURE,
            1,
            2 * runs,
            2,
            7.0,
            Duration.ofDays(1),
            10,
            Duration.ofDays(30),
            config,
            DataSpec.DEFAULT_START,
            10,
            null);
    List<Earthquake> catalog =
        List.of(quake(150, 8.2), quake(450, 8.1), quake(600, 6.4), quake(700, 7.9));
    List<RunRecord> records = new ArrayList<>();
    int f = schema.size();
    int t = TruthColumns.PER_ASPERITY * layout.asperityCount();
    for (int run = 0; run < runs; run++) {
      long[] ticks = new long[81];
      float[] features = new float[ticks.length * f];
      float[] truth = new float[ticks.length * t];
      for (int i = 0; i < ticks.length; i++) {
        ticks[i] = START + 10L * i * DAY;
        for (int c = 0; c < f; c++) {
          features[i * f + c] = run * 1000 + i + c / 1000f + perturbation;
        }
      }
      RunPlan plan = new RunPlan(run, run, Split.ofRun(run, runs), 2, 2.0);
      records.add(new RunRecord(plan, START, ticks, features, f, truth, t, catalog));
    }
    return Dataset.of(spec, layout, schema, records);
  }

  static RegionLayout layout() {
    List<RegionLayout.Station> stations =
        List.of(
            new RegionLayout.Station("C001", 100, 0, true, 100, 0.001, 0.001, 0.003),
            new RegionLayout.Station("I001", 200, 0, false, 200, 0.001, 0.001, 0.003));
    List<RegionLayout.Asperity> asperities = List.of(new RegionLayout.Asperity("A1", 1000));
    double[][] deficit = new double[6][2];
    double[][] coseismic = new double[6][1];
    for (int r = 0; r < 6; r++) {
      deficit[r][0] = 0.1 * (r + 1);
      deficit[r][1] = 0.01 * (r + 1);
      coseismic[r][0] = -deficit[r][0];
    }
    return new RegionLayout("sim-00", 90, stations, asperities, deficit, coseismic);
  }

  private static Earthquake quake(double days, double magnitude) {
    long onset = START + Math.round(days * DAY);
    return new Earthquake(
        0,
        "sim-00",
        "sim-00/" + onset,
        onset,
        days / DAYS_PER_YEAR,
        List.of("A1"),
        magnitude >= 7 ? RuptureExtent.FULL_MARGIN : RuptureExtent.SMALL,
        magnitude,
        1e20,
        0,
        100,
        1000,
        1,
        2,
        new double[] {1});
  }
}
