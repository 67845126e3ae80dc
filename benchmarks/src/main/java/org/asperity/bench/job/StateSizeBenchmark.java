package org.asperity.bench.job;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.asperity.features.FeatureConfig;
import org.asperity.features.StationFeatureState;
import org.asperity.job.features.StationState;
import org.asperity.job.features.StationStateLayout;
import org.asperity.job.features.StationStateSerializer;
import org.asperity.time.TimeUnits;

/**
 * How the keyed state of the station operator grows with the long window: one station's state
 * (features and bookkeeping, as the state serializer writes it into a checkpoint) after more
 * samples than the window holds, for several long windows, and the total for S stations. One state
 * per station, so the total is linear in stations by construction; this shows the window factor.
 * Also what one daily sample rewrites in each layout: the whole state (heap backend) or, with
 * RocksDB, the head and one block of samples ({@link StationStateLayout}).
 */
public final class StateSizeBenchmark {
  private StateSizeBenchmark() {}

  public static void run(int stations, PrintStream out) throws IOException {
    out.printf(
        Locale.ROOT, "keyed state per station (full windows) and for %,d stations:%n", stations);
    out.printf(
        Locale.ROOT,
        "  %-18s %14s %14s %14s %18s%n",
        "windows (samples)",
        "checkpoint",
        "heap",
        "total ckpt",
        "a sample rewrites");
    for (int longWindow : new int[] {730, 1825, 3650, 7300}) {
      FeatureConfig config = FeatureConfig.builder().windows(30, 365, longWindow).build();
      StationState station =
          new StationState(filled(config, longWindow + 100, new SplittableRandom(longWindow)));
      DataOutputSerializer bytes = new DataOutputSerializer(256 * 1024);
      new StationStateSerializer(config.canonicalString(), StationStateLayout.WHOLE)
          .serialize(station, bytes);
      DataOutputSerializer head = new DataOutputSerializer(16 * 1024);
      new StationStateSerializer(config.canonicalString(), StationStateLayout.BLOCKS)
          .serialize(station, head);
      long heap = station.features().heapBytes();
      out.printf(
          Locale.ROOT,
          "  %-18s %14s %14s %14s %18s%n",
          "30/365/" + longWindow,
          BenchmarkSupport.kib(bytes.length()),
          BenchmarkSupport.kib(heap),
          BenchmarkSupport.mib((long) bytes.length() * stations),
          BenchmarkSupport.kib(bytes.length())
              + " / "
              + BenchmarkSupport.kib(head.length() + station.features().ringBlockBytes(0)));
    }
  }

  /** Daily samples of steady motion with white noise. */
  private static StationFeatureState filled(
      FeatureConfig config, int samples, SplittableRandom random) {
    StationFeatureState state = new StationFeatureState("C001", config, 90.0);
    addDays(state, 0, samples, random);
    return state;
  }

  /**
   * Adds the daily samples of days {@code from} (inclusive) to {@code to} (exclusive), counted from
   * 2000-01-01: steady motion with white noise.
   */
  static void addDays(StationFeatureState state, int from, int to, SplittableRandom random) {
    long start =
        Instant.parse("2000-01-01T00:00:00Z").getEpochSecond() * TimeUnits.MICROS_PER_SECOND;
    for (int d = from; d < to; d++) {
      double years = d / TimeUnits.DAYS_PER_YEAR;
      state.update(
          start + d * TimeUnits.MICROS_PER_DAY,
          0.03 * years + 0.002 * random.nextGaussian(),
          0.004 * years + 0.002 * random.nextGaussian(),
          0.005 * random.nextGaussian(),
          0.002,
          0.002,
          0.005);
    }
  }
}
