package org.asperity.bench.features;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import org.asperity.features.FeatureConfig;
import org.asperity.features.StationFeatureState;
import org.asperity.features.StationSnapshot;
import org.asperity.features.rolling.RollingWindows;
import org.asperity.time.TimeUnits;

/**
 * Throughput of the per-station feature update on one core, against a baseline measured in the same
 * run over the same arrays, and the memory a station state holds. Not part of the test suite.
 *
 * <p>Run: {@code ./asperity bench features} (options: stations, days).
 *
 * <p>Times are the benchmark thread's CPU time (so other processes on a shared machine do not
 * count), best of several rounds after warm-up. Measured, in station-samples per second,
 * epoch-major (every station's sample of one day, then the next day, as a stream interleaves keys):
 *
 * <ul>
 *   <li>baseline: one pass over the same arrays keeping per-station running sums of E, N, U and
 *       their squares (the cost of touching the data at all);
 *   <li>update: {@link StationFeatureState#update} with the default windows (30/365/3650);
 *   <li>update + snapshot: also a {@link StationSnapshot} after every sample, as with daily ticks;
 *   <li>naive: the same window statistics (slope, detrended variance, increment moments, min/max of
 *       two components over the three windows) recomputed from scratch at every sample, on a subset
 *       (it is O(window) per sample): what the O(1) updates save;
 *   <li>origin move: one {@link RollingWindows#rebase} of a station's full default windows (every
 *       sum recomputed from the ring), which a daily station does once per 2<sup>32</sup> s less
 *       the window (about 46,000 samples; the first after 24,856), and its cost spread over those
 *       samples. The update rounds above (12,000 days) contain none.
 * </ul>
 */
public final class FeatureExtractionBenchmark {
  private static final long DAY = TimeUnits.MICROS_PER_DAY;

  /** 2020-01-01, in microseconds. */
  private static final long START = 18_262L * DAY;

  private static final double SIGMA_H = 0.002;
  private static final double SIGMA_V = 0.005;

  private FeatureExtractionBenchmark() {}

  public static void main(String[] args) {
    run(
        args.length > 0 ? Integer.parseInt(args[0]) : 100,
        args.length > 1 ? Integer.parseInt(args[1]) : 12_000,
        System.out);
  }

  /**
   * Runs every measurement on {@code stations} x {@code days} synthetic samples and prints it to
   * {@code out}.
   */
  public static void run(int stations, int days, PrintStream out) {
    FeatureConfig config = FeatureConfig.defaults();
    double[][] east = new double[days][stations];
    double[][] north = new double[days][stations];
    double[][] up = new double[days][stations];
    generate(east, north, up, 42);
    long samples = (long) stations * days;

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double baselineNanos = Double.MAX_VALUE;
    double updateNanos = Double.MAX_VALUE;
    double snapshotNanos = Double.MAX_VALUE;
    double checksum = 0;
    for (int round = 0; round < 8; round++) {
      long t0 = threads.getCurrentThreadCpuTime();
      checksum += baseline(east, north, up);
      long t1 = threads.getCurrentThreadCpuTime();
      checksum += runUpdates(config, east, north, up, false);
      long t2 = threads.getCurrentThreadCpuTime();
      checksum += runUpdates(config, east, north, up, true);
      long t3 = threads.getCurrentThreadCpuTime();
      if (round >= 2) {
        baselineNanos = Math.min(baselineNanos, (t1 - t0) / (double) samples);
        updateNanos = Math.min(updateNanos, (t2 - t1) / (double) samples);
        snapshotNanos = Math.min(snapshotNanos, (t3 - t2) / (double) samples);
      }
    }
    out.printf(
        Locale.ROOT,
        "stations %d x days %d = %d station-samples per pass; thread CPU time, best of 6 "
            + "after 2 warm-up rounds%n",
        stations,
        days,
        samples);
    out.printf(
        Locale.ROOT,
        "baseline (running sums only)  %,14.0f station-samples/s  %7.1f ns%n",
        TimeUnits.NANOS_PER_SECOND / baselineNanos,
        baselineNanos);
    out.printf(
        Locale.ROOT,
        "update                        %,14.0f station-samples/s  %7.1f ns  (%.1fx baseline)%n",
        TimeUnits.NANOS_PER_SECOND / updateNanos,
        updateNanos,
        updateNanos / baselineNanos);
    out.printf(
        Locale.ROOT,
        "update + snapshot per sample  %,14.0f station-samples/s  %7.1f ns  (%.1fx baseline)%n",
        TimeUnits.NANOS_PER_SECOND / snapshotNanos,
        snapshotNanos,
        snapshotNanos / baselineNanos);
    double naiveNanos = naive(config, north, up);
    out.printf(
        Locale.ROOT,
        "naive recomputation per sample %,13.0f station-samples/s  %7.1f ns  (%.0fx update)%n",
        TimeUnits.NANOS_PER_SECOND / naiveNanos,
        naiveNanos,
        naiveNanos / updateNanos);
    out.printf(
        Locale.ROOT,
        "target 5,000,000 station-samples/s for the update: %s%n",
        TimeUnits.NANOS_PER_SECOND / updateNanos >= 5e6 ? "met" : "NOT met");
    double moveNanos = originMove(config);
    double samplesPerMove =
        (Math.pow(2, 32) - 1) / TimeUnits.SECONDS_PER_DAY - config.longWindowSamples();
    out.printf(
        Locale.ROOT,
        "origin move, default windows full %,13.0f ns  (%.0f updates; %.2f%% of the "
            + "update spread over %.0f daily samples)%n",
        moveNanos,
        moveNanos / updateNanos,
        100 * moveNanos / samplesPerMove / updateNanos,
        samplesPerMove);
    memory(config, Math.min(stations, 100), out);
    // Keeps the JIT from discarding the work.
    if (checksum == 42.0) {
      out.println();
    }
  }

  /** Trend, white noise, rare outliers and a few steps, like a GNSS time series. */
  private static void generate(double[][] east, double[][] north, double[][] up, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int stations = east[0].length;
    for (int s = 0; s < stations; s++) {
      double ve = random.nextDouble(-0.01, 0.04);
      double vn = random.nextDouble(-0.01, 0.01);
      double vu = random.nextDouble(-0.005, 0.005);
      double offset = 0;
      for (int d = 0; d < east.length; d++) {
        if (random.nextInt(3000) == 0) {
          offset += random.nextDouble(-0.5, 0.1);
        }
        double years = d / TimeUnits.DAYS_PER_YEAR;
        double outlier = random.nextInt(500) == 0 ? 0.1 : 0.0;
        east[d][s] = ve * years + offset + outlier + SIGMA_H * random.nextGaussian();
        north[d][s] = vn * years + SIGMA_H * random.nextGaussian();
        up[d][s] = vu * years - 0.3 * offset + SIGMA_V * random.nextGaussian();
      }
    }
  }

  private static double baseline(double[][] east, double[][] north, double[][] up) {
    int stations = east[0].length;
    double[] sums = new double[6 * stations];
    for (int d = 0; d < east.length; d++) {
      double[] e = east[d];
      double[] n = north[d];
      double[] u = up[d];
      for (int s = 0; s < stations; s++) {
        int o = 6 * s;
        sums[o] += e[s];
        sums[o + 1] += n[s];
        sums[o + 2] += u[s];
        sums[o + 3] += e[s] * e[s];
        sums[o + 4] += n[s] * n[s];
        sums[o + 5] += u[s] * u[s];
      }
    }
    double total = 0;
    for (double v : sums) {
      total += v;
    }
    return total;
  }

  private static double runUpdates(
      FeatureConfig config, double[][] east, double[][] north, double[][] up, boolean snapshots) {
    int stations = east[0].length;
    StationFeatureState[] states = new StationFeatureState[stations];
    for (int s = 0; s < stations; s++) {
      states[s] = new StationFeatureState("S" + s, config, 80.0);
    }
    double checksum = 0;
    for (int d = 0; d < east.length; d++) {
      long epoch = START + d * DAY + DAY / 2;
      long tick = START + (d + 1) * DAY;
      double[] e = east[d];
      double[] n = north[d];
      double[] u = up[d];
      for (int s = 0; s < stations; s++) {
        states[s].update(epoch, e[s], n[s], u[s], SIGMA_H, SIGMA_H, SIGMA_V);
        if (snapshots) {
          checksum += states[s].snapshot(tick).interseismicEastMeters();
        }
      }
    }
    return checksum;
  }

  /**
   * Best-of-3 thread CPU time per sample of the from-scratch recomputation on one station's first
   * 6000 days.
   */
  private static double naive(FeatureConfig config, double[][] a, double[][] b) {
    int samples = Math.min(6000, a.length);
    double[] x = new double[samples];
    double[] y0 = new double[samples];
    double[] y1 = new double[samples];
    for (int d = 0; d < samples; d++) {
      x[d] = (double) d * TimeUnits.SECONDS_PER_DAY;
      y0[d] = a[d][0];
      y1[d] = b[d][0];
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    double checksum = 0;
    for (int round = 0; round < 3; round++) {
      long t0 = threads.getCurrentThreadCpuTime();
      for (int n = 1; n <= samples; n++) {
        for (int w : config.windowSamples()) {
          checksum += windowStatistics(x, y0, n, w) + windowStatistics(x, y1, n, w);
        }
      }
      best = Math.min(best, (threads.getCurrentThreadCpuTime() - t0) / (double) samples);
    }
    return checksum == 42.0 ? best + 1 : best;
  }

  /**
   * Slope, detrended variance, increment skewness and kurtosis, range over the last w of n samples.
   */
  private static double windowStatistics(double[] x, double[] y, int n, int w) {
    int from = Math.max(0, n - w);
    int m = n - from;
    double mx = 0;
    double my = 0;
    for (int i = from; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= m;
    my /= m;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = from; i < n; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
      syy += (y[i] - my) * (y[i] - my);
      min = Math.min(min, y[i]);
      max = Math.max(max, y[i]);
    }
    double slope = sxy / sxx;
    double variance = (syy - slope * sxy) / (m - 2);
    int first = Math.max(from, 1);
    double mu = 0;
    for (int i = first; i < n; i++) {
      mu += y[i] - y[i - 1];
    }
    mu /= Math.max(1, n - first);
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (int i = first; i < n; i++) {
      double e = y[i] - y[i - 1] - mu;
      m2 += e * e;
      m3 += e * e * e;
      m4 += e * e * e * e;
    }
    return slope + variance + m3 / Math.pow(m2, 1.5) + m4 / (m2 * m2) + (max - min);
  }

  /**
   * Best-of-400 thread CPU time of one origin move of a station's full default windows (3
   * components, 2 with shape, as a station keeps).
   */
  private static double originMove(FeatureConfig config) {
    RollingWindows series = new RollingWindows(config.windowSamples(), 3, 2);
    SplittableRandom random = new SplittableRandom(3);
    float[] sample = new float[3];
    for (int d = 0; d <= config.longWindowSamples() + 10; d++) {
      for (int c = 0; c < 3; c++) {
        sample[c] = (float) (0.03 * d / TimeUnits.DAYS_PER_YEAR + SIGMA_H * random.nextGaussian());
      }
      series.push(d * (int) TimeUnits.SECONDS_PER_DAY, sample);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    float[] shift = new float[3];
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 400; round++) {
      // Alternating whole-metre value shifts and back, so every round moves values and rebuilds
      // everything.
      shift[0] = round % 2 == 0 ? 1f : -1f;
      long t0 = threads.getCurrentThreadCpuTime();
      series.rebase(0, shift);
      best = Math.min(best, threads.getCurrentThreadCpuTime() - t0);
    }
    return series.mean(0, 0) == 42.0 ? best + 1 : best;
  }

  /** Per-station heap (estimated and measured) and checkpoint size with full default windows. */
  private static void memory(FeatureConfig config, int count, PrintStream out) {
    int days = config.longWindowSamples() + 10;
    double[][] east = new double[days][1];
    double[][] north = new double[days][1];
    double[][] up = new double[days][1];
    generate(east, north, up, 7);
    Runtime runtime = Runtime.getRuntime();
    long before = usedAfterGc(runtime);
    StationFeatureState[] states = new StationFeatureState[count];
    for (int s = 0; s < count; s++) {
      states[s] = new StationFeatureState(String.format("C%03d", s), config, 80.0);
      for (int d = 0; d < days; d++) {
        states[s].update(
            START + d * DAY, east[d][0], north[d][0], up[d][0], SIGMA_H, SIGMA_H, SIGMA_V);
      }
    }
    long after = usedAfterGc(runtime);
    double measured = (after - before) / (double) count;
    long estimated = states[0].heapBytes();
    int serialized = states[0].toBytes().length;
    out.printf(
        Locale.ROOT,
        "station state, default windows full: heap %.0f bytes measured (%d states), "
            + "%d bytes estimated; serialized %d bytes%n",
        measured,
        count,
        estimated,
        serialized);
    out.printf(
        Locale.ROOT,
        "2,600 stations: %.0f MiB heap, %.0f MiB per full checkpoint%n",
        2600 * measured / (1 << 20),
        2600.0 * serialized / (1 << 20));
    if (states[count - 1].lastEpochMicros() == 0) {
      out.println();
    }
  }

  private static long usedAfterGc(Runtime runtime) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
