package org.asperity.trainer.data;

import static org.asperity.time.TimeUnits.MICROS_PER_DAY;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionLayout;
import org.asperity.simulator.Earthquake;

/**
 * The labelled rows of every run, with the set each belongs to. Rows are in run order, then tick
 * order. Built by {@link #of}; immutable by convention (arrays are shared, never modified).
 */
public final class Dataset {

  /**
   * One cycle with rows: the interval between two consecutive events at or above the threshold of a
   * run.
   *
   * @param run the run
   * @param cycle index within the run of the event that ends it
   * @param split its set
   * @param durationDays onset to onset
   * @param rows rows labelled with it
   * @param endMagnitude Mw of the event that ends it
   */
  public record Cycle(
      int run, int cycle, Split split, double durationDays, int rows, double endMagnitude) {}

  private final DataSpec spec;
  private final RegionLayout layout;
  private final FeatureSchema schema;
  private final List<String> truthNames;
  private final int rows;
  private final float[] features;
  private final float[] truth;
  private final double[] ttfDays;
  private final double[] magnitude;
  private final double[] daysSinceLastEvent;
  private final long[] ticks;
  private final int[] run;
  private final int[] cycle;
  private final Split[] split;
  private final List<Cycle> cycles;
  private final Map<RowLabel.Status, Long> ticksByStatus;
  private final List<RunRecord> records;
  private final String hash;

  private Dataset(
      DataSpec spec,
      RegionLayout layout,
      FeatureSchema schema,
      List<String> truthNames,
      int rows,
      float[] features,
      float[] truth,
      double[] ttfDays,
      double[] magnitude,
      double[] daysSinceLastEvent,
      long[] ticks,
      int[] run,
      int[] cycle,
      Split[] split,
      List<Cycle> cycles,
      Map<RowLabel.Status, Long> ticksByStatus,
      List<RunRecord> records) {
    this.spec = spec;
    this.layout = layout;
    this.schema = schema;
    this.truthNames = List.copyOf(truthNames);
    this.rows = rows;
    this.features = features;
    this.truth = truth;
    this.ttfDays = ttfDays;
    this.magnitude = magnitude;
    this.daysSinceLastEvent = daysSinceLastEvent;
    this.ticks = ticks;
    this.run = run;
    this.cycle = cycle;
    this.split = split;
    this.cycles = List.copyOf(cycles);
    this.ticksByStatus = Collections.unmodifiableMap(new EnumMap<>(ticksByStatus));
    this.records = List.copyOf(records);
    this.hash = computeHash();
  }

  /** Labels every recorded row tick of {@code records} (in run order) and keeps the valid ones. */
  public static Dataset of(
      DataSpec spec, RegionLayout layout, FeatureSchema schema, List<RunRecord> records) {
    int featureCount = schema.size();
    List<String> truthNames = TruthColumns.names(layout.asperityIds());
    int truthCount = truthNames.size();
    Map<RowLabel.Status, Long> byStatus = new EnumMap<>(RowLabel.Status.class);
    for (RowLabel.Status s : RowLabel.Status.values()) {
      byStatus.put(s, 0L);
    }
    List<RowLabel> labels = new ArrayList<>();
    List<int[]> where = new ArrayList<>();
    List<Cycle> cycles = new ArrayList<>();
    for (int k = 0; k < records.size(); k++) {
      RunRecord record = records.get(k);
      if (record.featureCount() != featureCount || record.truthCount() != truthCount) {
        throw new IllegalArgumentException(
            "run " + record.plan().run() + " has other columns than the schema");
      }
      CycleLabeler labeler =
          new CycleLabeler(
              record.earthquakes(),
              spec.magnitudeThreshold(),
              record.startMicros(),
              spec.warmUpMicros(),
              spec.exclusionMicros());
      int[] rowsPerCycle = new int[labeler.largeEvents()];
      for (int i = 0; i < record.rows(); i++) {
        RowLabel label = labeler.label(record.ticks()[i]);
        byStatus.merge(label.status(), 1L, Long::sum);
        if (label.valid()) {
          labels.add(label);
          where.add(new int[] {k, i});
          rowsPerCycle[label.cycle()]++;
        }
      }
      double[] endMagnitudes =
          record.earthquakes().stream()
              .filter(e -> e.momentMagnitude() >= spec.magnitudeThreshold())
              .mapToDouble(Earthquake::momentMagnitude)
              .toArray();
      for (int c = 1; c < rowsPerCycle.length; c++) {
        if (rowsPerCycle[c] > 0) {
          double days =
              (labeler.largeOnsetMicros(c) - labeler.largeOnsetMicros(c - 1))
                  / (double) MICROS_PER_DAY;
          cycles.add(
              new Cycle(
                  record.plan().run(),
                  c,
                  record.plan().split(),
                  days,
                  rowsPerCycle[c],
                  endMagnitudes[c]));
        }
      }
    }
    int n = labels.size();
    float[] features = new float[n * featureCount];
    float[] truth = new float[n * truthCount];
    double[] ttf = new double[n];
    double[] mw = new double[n];
    double[] since = new double[n];
    long[] ticks = new long[n];
    int[] runs = new int[n];
    int[] cycleOf = new int[n];
    Split[] splits = new Split[n];
    for (int r = 0; r < n; r++) {
      RunRecord record = records.get(where.get(r)[0]);
      int i = where.get(r)[1];
      System.arraycopy(
          record.features(), i * featureCount, features, r * featureCount, featureCount);
      System.arraycopy(record.truth(), i * truthCount, truth, r * truthCount, truthCount);
      RowLabel label = labels.get(r);
      ttf[r] = label.ttfDays();
      mw[r] = label.magnitude();
      since[r] = label.daysSinceLastEvent();
      ticks[r] = record.ticks()[i];
      runs[r] = record.plan().run();
      cycleOf[r] = label.cycle();
      splits[r] = record.plan().split();
    }
    return new Dataset(
        spec,
        layout,
        schema,
        truthNames,
        n,
        features,
        truth,
        ttf,
        mw,
        since,
        ticks,
        runs,
        cycleOf,
        splits,
        cycles,
        byStatus,
        records);
  }

  public DataSpec spec() {
    return spec;
  }

  public RegionLayout layout() {
    return layout;
  }

  public FeatureSchema schema() {
    return schema;
  }

  public List<String> featureNames() {
    return schema.names();
  }

  public List<String> truthNames() {
    return truthNames;
  }

  public int rows() {
    return rows;
  }

  public double ttfDays(int row) {
    return ttfDays[row];
  }

  public double magnitude(int row) {
    return magnitude[row];
  }

  public double daysSinceLastEvent(int row) {
    return daysSinceLastEvent[row];
  }

  public long tickMicros(int row) {
    return ticks[row];
  }

  public int run(int row) {
    return run[row];
  }

  public int cycle(int row) {
    return cycle[row];
  }

  public Split split(int row) {
    return split[row];
  }

  public float feature(int row, int column) {
    return features[row * schema.size() + column];
  }

  public float truth(int row, int column) {
    return truth[row * truthNames.size() + column];
  }

  /** Cycles with rows, in run then time order. */
  public List<Cycle> cycles() {
    return cycles;
  }

  public List<Cycle> cycles(Split s) {
    return cycles.stream().filter(c -> c.split() == s).toList();
  }

  /** The recorded runs (every row tick, labelled or not). */
  public List<RunRecord> records() {
    return records;
  }

  /** Recorded row ticks by what labelling made of them. */
  public Map<RowLabel.Status, Long> ticksByStatus() {
    return ticksByStatus;
  }

  /** Indices of the rows of set {@code s}, ascending. */
  public int[] rowsOf(Split s) {
    return IntStream.range(0, rows).filter(r -> split[r] == s).toArray();
  }

  /** Indices of the rows of the given cycles (run, cycle pairs), ascending. */
  public int[] rowsOf(List<Cycle> selected) {
    java.util.Set<Long> keys = new java.util.HashSet<>();
    for (Cycle c : selected) {
      keys.add(key(c.run(), c.cycle()));
    }
    return IntStream.range(0, rows).filter(r -> keys.contains(key(run[r], cycle[r]))).toArray();
  }

  private static long key(int run, int cycle) {
    return ((long) run << 32) | (cycle & 0xffffffffL);
  }

  /** Mean cycle duration (days) of the training cycles: the recurrence a forecaster may know. */
  public double meanTrainingRecurrenceDays() {
    return cycles(Split.TRAIN).stream()
        .mapToDouble(Cycle::durationDays)
        .average()
        .orElse(Double.NaN);
  }

  /** Row-major feature values of {@code selected} rows, all model columns. */
  public float[] featureMatrix(int[] selected) {
    int f = schema.size();
    float[] out = new float[selected.length * f];
    for (int i = 0; i < selected.length; i++) {
      System.arraycopy(features, selected[i] * f, out, i * f, f);
    }
    return out;
  }

  /** Row-major values of some feature columns (by index) of {@code selected} rows. */
  public float[] featureColumns(int[] selected, int[] columns) {
    float[] out = new float[selected.length * columns.length];
    for (int i = 0; i < selected.length; i++) {
      for (int c = 0; c < columns.length; c++) {
        out[i * columns.length + c] = feature(selected[i], columns[c]);
      }
    }
    return out;
  }

  /** Row-major values of some truth columns (by index) of {@code selected} rows. */
  public float[] truthColumns(int[] selected, int[] columns) {
    float[] out = new float[selected.length * columns.length];
    for (int i = 0; i < selected.length; i++) {
      for (int c = 0; c < columns.length; c++) {
        out[i * columns.length + c] = truth(selected[i], columns[c]);
      }
    }
    return out;
  }

  public double[] ttfDays(int[] selected) {
    return IntStream.of(selected).mapToDouble(r -> ttfDays[r]).toArray();
  }

  public double[] magnitudes(int[] selected) {
    return IntStream.of(selected).mapToDouble(r -> magnitude[r]).toArray();
  }

  /**
   * SHA-256 (hex) of everything the model and its evaluation are computed from: the data
   * specification's feature configuration and threshold, every row's set, run, cycle, tick,
   * features, true state and labels, in order.
   */
  public String hash() {
    return hash;
  }

  private String computeHash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF("asperity-training-data v1");
      out.writeUTF(schema.hash());
      out.writeUTF(layout.layoutHash());
      out.writeDouble(spec.magnitudeThreshold());
      out.writeInt(rows);
      int f = schema.size();
      int t = truthNames.size();
      for (int r = 0; r < rows; r++) {
        out.writeByte(split[r].ordinal());
        out.writeInt(run[r]);
        out.writeInt(cycle[r]);
        out.writeLong(ticks[r]);
        for (int i = 0; i < f; i++) {
          out.writeInt(Float.floatToIntBits(features[r * f + i]));
        }
        for (int i = 0; i < t; i++) {
          out.writeInt(Float.floatToIntBits(truth[r * t + i]));
        }
        out.writeDouble(ttfDays[r]);
        out.writeDouble(magnitude[r]);
        if (bytes.size() > 1 << 16) {
          out.flush();
          digest.update(bytes.toByteArray());
          bytes.reset();
        }
      }
      out.flush();
      digest.update(bytes.toByteArray());
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
