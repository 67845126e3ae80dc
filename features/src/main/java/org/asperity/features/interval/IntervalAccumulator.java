package org.asperity.features.interval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reduces one station's samples in one sampling interval of the model (a day for the daily model)
 * to one robust position, in bounded memory, so a feed at any rate (1 Hz, 30 s, 5 min) reaches the
 * features as the daily series the model was trained on.
 *
 * <p><b>Position.</b> The component-wise median of the samples at their mean epoch (the middle of
 * the interval for a regular feed), robust to the outliers and short excursions of real-time
 * solutions (up to half the samples). Samples are taken in blocks of {@link WeightedRemedian#BASE}:
 * a full block enters a {@link WeightedRemedian} as its median, weighted by its size, so the
 * estimate is exact up to 128 samples (a 5-minute day has 288: two blocks and the rest) and a
 * remedian beyond, in at most a few kilobytes per station (for a day of 1 Hz samples, within a
 * fraction of one sample's scatter of the exact median). A single sample is returned as it is, bit
 * for bit: a daily feed passes unchanged.
 *
 * <p><b>Sigma.</b> The larger of two estimates of the median's standard error, per component:
 *
 * <ul>
 *   <li>propagated: the input sigmas combined as for a weighted mean, 1/&radic;(&Sigma;
 *       1/&sigma;<sub>i</sub>&sup2;), then scaled by &radic;(n/n<sub>eff</sub>) for time
 *       correlation and, from three samples on, by &radic;(&pi;/2), the asymptotic efficiency loss
 *       of the median against the mean for Gaussian errors (variance &pi;&sigma;&sup2;/2n; e.g.
 *       Huber &amp; Ronchetti 2009, Robust Statistics, 2nd ed., §3.2);
 *   <li>observed: 1.4826 &times; MAD, the median absolute deviation scaled to a Gaussian sigma
 *       (Rousseeuw &amp; Croux 1993, JASA 88(424), 1273–1283), times &radic;(&pi;/2) /
 *       &radic;n<sub>eff</sub>. The MAD is the weighted median of the per-block MADs (each about
 *       its own block's median, so a slow drift within the day does not inflate it).
 * </ul>
 *
 * High-rate GNSS errors are correlated over minutes (multipath; Genrich &amp; Bock 2006, JGR 111,
 * B03403), so treating 86,400 one-second samples as independent would claim a sigma 300 times
 * smaller than one sample's and make every later innovation look like an offset. The samples count
 * as n<sub>eff</sub> = min(n, 1 + span / decorrelation time) independent ones, span being the time
 * from the first to the last sample.
 *
 * <p><b>Coverage.</b> The station's sampling interval is the weighted median of the per-block
 * median spacings of consecutive epochs; the expected count is the model's interval divided by it.
 * An interval with fewer samples than the coverage fraction of that is {@linkplain
 * IntervalPosition#sparse() sparse}. A lone sample cannot tell its rate: expected 1, never sparse.
 *
 * <p><b>Duplicates.</b> A sample whose epoch equals one still in the current block (the last {@code
 * BASE} at most: all of a daily or hourly feed's interval) is refused by {@link #add}; the caller
 * counts it. A repeat of an older block's epoch goes into the median like any sample.
 *
 * <p>Mutable; not thread-safe. Serializes with {@link #writeTo} / {@link #readFrom}.
 */
public final class IntervalAccumulator {
  /** Median absolute deviation to a Gaussian standard deviation (Rousseeuw &amp; Croux 1993). */
  public static final double MAD_TO_SIGMA = 1.4826;

  /** &radic;(&pi;/2): the median's standard error over the mean's, Gaussian errors, large n. */
  static final double MEDIAN_EFFICIENCY = Math.sqrt(Math.PI / 2);

  /**
   * Decorrelation time of high-rate positions, µs: five minutes, the order of the multipath
   * correlation time of high-rate GNSS (Genrich &amp; Bock 2006); a 5-minute feed counts in full.
   */
  public static final long DEFAULT_DECORRELATION_MICROS = 300_000_000L;

  /**
   * Coverage below which an interval is sparse: half the expected samples, i.e. twelve hours of a
   * day, about the least a daily solution is computed from.
   */
  public static final double DEFAULT_MIN_COVERAGE = 0.5;

  private static final int BASE = WeightedRemedian.BASE;
  private static final byte FORMAT_VERSION = 1;

  // The current block of raw samples.
  private long[] blockEpochs = new long[1];
  private double[] blockEast = new double[1];
  private double[] blockNorth = new double[1];
  private double[] blockUp = new double[1];
  private double[] blockSigmaEast = new double[1];
  private double[] blockSigmaNorth = new double[1];
  private double[] blockSigmaUp = new double[1];
  private int blockSize;

  // Full blocks, as their medians, MADs and spacings.
  private WeightedRemedian east = new WeightedRemedian();
  private WeightedRemedian north = new WeightedRemedian();
  private WeightedRemedian up = new WeightedRemedian();
  private WeightedRemedian madEast = new WeightedRemedian();
  private WeightedRemedian madNorth = new WeightedRemedian();
  private WeightedRemedian madUp = new WeightedRemedian();
  private WeightedRemedian spacing = new WeightedRemedian();

  private long count;
  // Epochs enter the remedian relative to the first sample's: exact in a double for any span.
  private long anchorEpochMicros;
  private long relativeEpochSumMicros;
  private long firstEpochMicros = Long.MAX_VALUE;
  private long lastEpochMicros = Long.MIN_VALUE;
  private double inverseVarianceEast;
  private double inverseVarianceNorth;
  private double inverseVarianceUp;

  /**
   * Adds a sample; false (and nothing added) if its epoch is already in the current block. The
   * caller validates values (finite, sigmas positive).
   */
  public boolean add(
      long epochMicros,
      double eastMeters,
      double northMeters,
      double upMeters,
      double sigmaEastMeters,
      double sigmaNorthMeters,
      double sigmaUpMeters) {
    if (epochMicros >= firstEpochMicros && epochMicros <= lastEpochMicros) {
      for (int i = 0; i < blockSize; i++) {
        if (blockEpochs[i] == epochMicros) {
          return false;
        }
      }
    }
    if (blockSize == blockEpochs.length) {
      int capacity = Math.min(BASE, 4 * blockSize);
      blockEpochs = Arrays.copyOf(blockEpochs, capacity);
      blockEast = Arrays.copyOf(blockEast, capacity);
      blockNorth = Arrays.copyOf(blockNorth, capacity);
      blockUp = Arrays.copyOf(blockUp, capacity);
      blockSigmaEast = Arrays.copyOf(blockSigmaEast, capacity);
      blockSigmaNorth = Arrays.copyOf(blockSigmaNorth, capacity);
      blockSigmaUp = Arrays.copyOf(blockSigmaUp, capacity);
    }
    blockEpochs[blockSize] = epochMicros;
    blockEast[blockSize] = eastMeters;
    blockNorth[blockSize] = northMeters;
    blockUp[blockSize] = upMeters;
    blockSigmaEast[blockSize] = sigmaEastMeters;
    blockSigmaNorth[blockSize] = sigmaNorthMeters;
    blockSigmaUp[blockSize] = sigmaUpMeters;
    blockSize++;
    count++;
    firstEpochMicros = Math.min(firstEpochMicros, epochMicros);
    lastEpochMicros = Math.max(lastEpochMicros, epochMicros);
    inverseVarianceEast += 1 / (sigmaEastMeters * sigmaEastMeters);
    inverseVarianceNorth += 1 / (sigmaNorthMeters * sigmaNorthMeters);
    inverseVarianceUp += 1 / (sigmaUpMeters * sigmaUpMeters);
    if (count == 1) {
      anchorEpochMicros = epochMicros;
    }
    relativeEpochSumMicros += epochMicros - anchorEpochMicros;
    if (blockSize == BASE) {
      flushBlock();
    }
    return true;
  }

  /** Samples added. */
  public long count() {
    return count;
  }

  private void flushBlock() {
    double[] scratch = new double[blockSize];
    addMedianAndMad(blockEast, east, madEast, scratch);
    addMedianAndMad(blockNorth, north, madNorth, scratch);
    addMedianAndMad(blockUp, up, madUp, scratch);
    double s = medianSpacing(relativeEpochs(), blockSize);
    if (!Double.isNaN(s)) {
      spacing.add(s, blockSize - 1);
    }
    blockSize = 0;
  }

  private double[] relativeEpochs() {
    double[] relative = new double[blockSize];
    for (int i = 0; i < blockSize; i++) {
      relative[i] = blockEpochs[i] - anchorEpochMicros;
    }
    return relative;
  }

  private void addMedianAndMad(
      double[] block, WeightedRemedian medians, WeightedRemedian mads, double[] scratch) {
    double m = median(block, blockSize, scratch);
    medians.add(m, blockSize);
    mads.add(mad(block, blockSize, m, scratch), blockSize);
  }

  /**
   * The interval's position.
   *
   * @param intervalMicros the model's sampling interval, µs
   * @param decorrelationMicros time over which samples count as one independent sample, µs
   * @param minCoverage fraction of the expected samples below which the interval is sparse
   * @throws IllegalStateException if no sample was added
   */
  public IntervalPosition position(
      long intervalMicros, long decorrelationMicros, double minCoverage) {
    if (count == 0) {
      throw new IllegalStateException("no sample in the interval");
    }
    if (count == 1) {
      return new IntervalPosition(
          blockEpochs[0],
          blockEast[0],
          blockNorth[0],
          blockUp[0],
          blockSigmaEast[0],
          blockSigmaNorth[0],
          blockSigmaUp[0],
          1,
          1,
          false);
    }
    double[] scratch = new double[blockSize];
    long epoch = anchorEpochMicros + Math.floorDiv(relativeEpochSumMicros, count);
    double e = east.estimate(blockEast, blockSize, 1);
    double n = north.estimate(blockNorth, blockSize, 1);
    double u = up.estimate(blockUp, blockSize, 1);

    long spanMicros = lastEpochMicros - firstEpochMicros;
    double effective = Math.min(count, 1.0 + (double) spanMicros / decorrelationMicros);
    double efficiency = count >= 3 ? MEDIAN_EFFICIENCY : 1.0;
    double correlation = Math.sqrt(count / effective);
    double propagatedE = efficiency * correlation / Math.sqrt(inverseVarianceEast);
    double propagatedN = efficiency * correlation / Math.sqrt(inverseVarianceNorth);
    double propagatedU = efficiency * correlation / Math.sqrt(inverseVarianceUp);
    double observedScale = MAD_TO_SIGMA * MEDIAN_EFFICIENCY / Math.sqrt(effective);
    double observedE = 0;
    double observedN = 0;
    double observedU = 0;
    if (count >= 3) {
      observedE = observedScale * combinedMad(madEast, blockEast, scratch);
      observedN = observedScale * combinedMad(madNorth, blockNorth, scratch);
      observedU = observedScale * combinedMad(madUp, blockUp, scratch);
    }

    double s = spacingMicros();
    long expected = Double.isNaN(s) || s <= 0 ? 1 : Math.max(1, Math.round(intervalMicros / s));
    boolean sparse = count < minCoverage * expected;
    return new IntervalPosition(
        epoch,
        e,
        n,
        u,
        Math.max(propagatedE, observedE),
        Math.max(propagatedN, observedN),
        Math.max(propagatedU, observedU),
        count,
        expected,
        sparse);
  }

  /** The weighted median of the full blocks' MADs and the current block's (if it has 3+). */
  private double combinedMad(WeightedRemedian mads, double[] block, double[] scratch) {
    double mad;
    if (blockSize >= 3) {
      double[] current = {mad(block, blockSize, median(block, blockSize, scratch), scratch)};
      mad = mads.estimate(current, 1, blockSize);
    } else {
      mad = mads.estimate(null, 0, 1);
    }
    return Double.isNaN(mad) ? 0 : mad;
  }

  /** The observed sampling interval, µs, or NaN when fewer than two samples tell it. */
  double spacingMicros() {
    double s = medianSpacing(relativeEpochs(), blockSize);
    return Double.isNaN(s)
        ? spacing.estimate(null, 0, 1)
        : spacing.estimate(new double[] {s}, 1, blockSize - 1);
  }

  private static double median(double[] values, int n, double[] scratch) {
    System.arraycopy(values, 0, scratch, 0, n);
    Arrays.sort(scratch, 0, n);
    return (n & 1) == 1
        ? scratch[n / 2]
        : scratch[n / 2 - 1] + (scratch[n / 2] - scratch[n / 2 - 1]) / 2;
  }

  private static double mad(double[] values, int n, double median, double[] scratch) {
    double[] deviations = new double[n];
    for (int i = 0; i < n; i++) {
      deviations[i] = Math.abs(values[i] - median);
    }
    return median(deviations, n, scratch);
  }

  /** Median gap between consecutive distinct epochs of a block, or NaN below two epochs. */
  private static double medianSpacing(double[] epochs, int n) {
    if (n < 2) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(epochs, n);
    Arrays.sort(sorted);
    double[] gaps = new double[n - 1];
    for (int i = 1; i < n; i++) {
      gaps[i - 1] = sorted[i] - sorted[i - 1];
    }
    return median(gaps, n - 1, new double[n - 1]);
  }

  /** A deep copy (what a state backend's copy-on-write needs; cheaper than the binary form). */
  public IntervalAccumulator copy() {
    IntervalAccumulator c = new IntervalAccumulator();
    c.blockEpochs = blockEpochs.clone();
    c.blockEast = blockEast.clone();
    c.blockNorth = blockNorth.clone();
    c.blockUp = blockUp.clone();
    c.blockSigmaEast = blockSigmaEast.clone();
    c.blockSigmaNorth = blockSigmaNorth.clone();
    c.blockSigmaUp = blockSigmaUp.clone();
    c.blockSize = blockSize;
    c.east = east.copy();
    c.north = north.copy();
    c.up = up.copy();
    c.madEast = madEast.copy();
    c.madNorth = madNorth.copy();
    c.madUp = madUp.copy();
    c.spacing = spacing.copy();
    c.count = count;
    c.anchorEpochMicros = anchorEpochMicros;
    c.relativeEpochSumMicros = relativeEpochSumMicros;
    c.firstEpochMicros = firstEpochMicros;
    c.lastEpochMicros = lastEpochMicros;
    c.inverseVarianceEast = inverseVarianceEast;
    c.inverseVarianceNorth = inverseVarianceNorth;
    c.inverseVarianceUp = inverseVarianceUp;
    return c;
  }

  /** Writes the accumulator (format version, block, remedians, sums). */
  public void writeTo(DataOutput out) throws IOException {
    out.writeByte(FORMAT_VERSION);
    out.writeByte(blockSize);
    for (int i = 0; i < blockSize; i++) {
      out.writeLong(blockEpochs[i]);
      out.writeDouble(blockEast[i]);
      out.writeDouble(blockNorth[i]);
      out.writeDouble(blockUp[i]);
      out.writeDouble(blockSigmaEast[i]);
      out.writeDouble(blockSigmaNorth[i]);
      out.writeDouble(blockSigmaUp[i]);
    }
    for (WeightedRemedian r : remedians()) {
      r.writeTo(out);
    }
    out.writeLong(count);
    out.writeLong(anchorEpochMicros);
    out.writeLong(relativeEpochSumMicros);
    out.writeLong(firstEpochMicros);
    out.writeLong(lastEpochMicros);
    out.writeDouble(inverseVarianceEast);
    out.writeDouble(inverseVarianceNorth);
    out.writeDouble(inverseVarianceUp);
  }

  /** Reads what {@link #writeTo} wrote. */
  public static IntervalAccumulator readFrom(DataInput in) throws IOException {
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IOException("unknown interval accumulator format " + version);
    }
    IntervalAccumulator a = new IntervalAccumulator();
    int size = in.readUnsignedByte();
    if (size >= BASE) {
      throw new IOException("interval block of " + size + " samples");
    }
    int capacity = Math.max(1, size);
    a.blockEpochs = new long[capacity];
    a.blockEast = new double[capacity];
    a.blockNorth = new double[capacity];
    a.blockUp = new double[capacity];
    a.blockSigmaEast = new double[capacity];
    a.blockSigmaNorth = new double[capacity];
    a.blockSigmaUp = new double[capacity];
    for (int i = 0; i < size; i++) {
      a.blockEpochs[i] = in.readLong();
      a.blockEast[i] = in.readDouble();
      a.blockNorth[i] = in.readDouble();
      a.blockUp[i] = in.readDouble();
      a.blockSigmaEast[i] = in.readDouble();
      a.blockSigmaNorth[i] = in.readDouble();
      a.blockSigmaUp[i] = in.readDouble();
    }
    a.blockSize = size;
    a.east = WeightedRemedian.readFrom(in);
    a.north = WeightedRemedian.readFrom(in);
    a.up = WeightedRemedian.readFrom(in);
    a.madEast = WeightedRemedian.readFrom(in);
    a.madNorth = WeightedRemedian.readFrom(in);
    a.madUp = WeightedRemedian.readFrom(in);
    a.spacing = WeightedRemedian.readFrom(in);
    a.count = in.readLong();
    a.anchorEpochMicros = in.readLong();
    a.relativeEpochSumMicros = in.readLong();
    a.firstEpochMicros = in.readLong();
    a.lastEpochMicros = in.readLong();
    a.inverseVarianceEast = in.readDouble();
    a.inverseVarianceNorth = in.readDouble();
    a.inverseVarianceUp = in.readDouble();
    return a;
  }

  private WeightedRemedian[] remedians() {
    return new WeightedRemedian[] {east, north, up, madEast, madNorth, madUp, spacing};
  }
}
