package org.asperity.features;

import static org.asperity.time.TimeUnits.MICROS_PER_SECOND;
import static org.asperity.time.TimeUnits.SECONDS_PER_YEAR;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.asperity.features.rolling.RollingWindows;

/**
 * The rolling state of one GNSS station: screening of outliers, detection of offsets (steps), the
 * offset-corrected ("interseismic") series and its rolling statistics over the short, medium and
 * long windows. Feed it the station's samples in strictly increasing epoch order with {@link
 * #update}; take a {@link StationSnapshot} at each tick with {@link #snapshot}.
 *
 * <p><b>Frame.</b> East/north are rotated to trench-normal (TN, along the layout's azimuth,
 * positive landward) and trench-parallel (TP, 90&deg; clockwise from TN); up stays up. Positions
 * are relative to the station's first sample, with detected offsets removed. TN and up carry all
 * statistics; TP only its trend, for the east/north position the slip-deficit inversion needs.
 *
 * <p><b>Origin.</b> The windows keep times as int seconds and values as floats, each from an origin
 * that starts at the first sample and moves by whole seconds and whole metres when the next
 * sample's time would leave the int range (after 68 years, then about every 126 years of daily
 * samples with the default windows; see {@link RollingWindows#rebaseToFit}). So a record may run
 * for any length of time (the trainer simulates 10,000 years) at the same resolution throughout:
 * offset-corrected positions grow without bound (40 mm/yr for 10,000 years is 400 m, where a float
 * resolves only 3&times;10<sup>&minus;5</sup> m), but stored values stay within a few metres of
 * their origin. The moves depend on the samples only, so replays and restored states move
 * identically. Snapshot positions are reported relative to the first sample, as before.
 *
 * <p><b>Prediction.</b> Before a sample enters, each component is predicted at its time from the
 * short-window mean and the medium-window least-squares slope b: p = y&#772;<sub>short</sub> + b (t
 * &minus; t&#772;<sub>short</sub>). Its innovation variance is s&sup2; =
 * (&sigma;<sub>obs</sub>&sup2; + q)(1 + 1/n<sub>short</sub>) + var(b) (t &minus;
 * t&#772;<sub>short</sub>)&sup2;, with q the medium-window detrended variance (the realised scatter
 * incl. flicker and seasonal noise) and var(b) = q / &Sigma;(t &minus; t&#772;)&sup2;, so long gaps
 * widen the tolerance. While the medium window holds fewer than 10 samples there is no slope (b =
 * 0, var(b) = 0) and q = &sigma;<sub>obs</sub>&sup2;. The same rule evaluated at the newest sample
 * is the station's smoothed position.
 *
 * <p><b>Screening and offsets.</b> If the normalised innovation &chi; =
 * sqrt(v<sub>TN</sub>&sup2;/s<sub>TN</sub>&sup2; + v<sub>up</sub>&sup2;/s<sub>up</sub>&sup2;)
 * exceeds {@link FeatureConfig#jumpThresholdSigma()} (TN and up: the slip-parallel plane, where
 * megathrust steps show; TP is predicted only for such samples, which keeps it off the per-sample
 * path), the whole sample is replaced by its prediction (so it cannot bias any statistic) and
 * becomes an offset candidate. If the next sample is also beyond the threshold and its innovation
 * agrees with the candidate's (&chi; of the difference, with variance 2s&sup2;, within the
 * threshold), a step is confirmed: its vector (TN, TP, up) is the mean of the two innovations, its
 * epoch the candidate's epoch; it is added to the cumulative offset removed from all later samples,
 * and the second sample enters corrected. Otherwise the candidate was an outlier (already
 * replaced). A confirmed candidate's replaced value equals the corrected position at the step up to
 * noise, so nothing already in the windows needs revising. An outlier thus costs one replaced
 * sample; a step costs one replaced sample and is confirmed one sample late. A step visible only in
 * TP is not detected. The step estimate from two samples has an error of about 0.8 &sigma; per
 * component, which stays in every later value (it tilts long-window rates slightly; group medians
 * average it out).
 *
 * <p>Serializable with {@link #writeTo}/{@link #readFrom}; a restored state continues
 * bit-identically. Not thread-safe.
 */
public final class StationFeatureState {
  /** 2: the windows' origin shifts (version 1 states are not readable). */
  static final byte FORMAT_VERSION = 2;

  /** The head of a version 2 state whose samples are stored apart ({@link #writeHeadTo}). */
  static final byte HEAD_FORMAT_VERSION = (byte) 0x82;

  private static final int TN = 0;
  private static final int UP = 1;
  private static final int TP = 2;
  private static final int SHORT = 0;
  private static final int MEDIUM = 1;
  private static final int STATISTICS = StationStatistic.values().length;

  /**
   * Samples the medium window needs before its slope and scatter drive the prediction: a slope from
   * two or three noisy samples extrapolates worse than no slope at all.
   */
  private static final int MIN_TREND_SAMPLES = 10;

  private final String stationCode;
  private final FeatureConfig config;
  private final double trenchNormalAzimuthDeg;
  private final double sinAzimuth;
  private final double cosAzimuth;
  private final double jumpThresholdSquared;

  /**
   * Trench-normal and up (with shape statistics) and trench-parallel (trend only: prediction and
   * position) over the short, medium and long windows.
   */
  private final RollingWindows series;

  private final float[] sample = new float[3];

  private boolean started;
  private long baseEpochMicros;
  private double baseNormal;
  private double baseParallel;
  private double baseUp;

  /**
   * How far the windows' origin has moved past the first sample: whole seconds, and whole metres
   * per component.
   */
  private long originShiftSeconds;

  private double originShiftNormal;
  private double originShiftParallel;
  private double originShiftUp;
  private long lastEpochMicros = Long.MIN_VALUE;
  private long screenedSamples;

  private double offsetNormal;
  private double offsetParallel;
  private double offsetUp;
  private int offsetCount;
  private long lastOffsetEpochMicros = Long.MIN_VALUE;
  private double lastOffsetNormal;
  private double lastOffsetParallel;
  private double lastOffsetUp;
  private double positionAtOffsetNormal = Double.NaN;
  private double positionAtOffsetUp = Double.NaN;

  private boolean candidate;
  private long candidateEpochMicros;
  private double candidateNormal;
  private double candidateParallel;
  private double candidateUp;
  private double candidatePositionNormal;
  private double candidatePositionUp;

  // Scratch (not state): prediction and innovation variance per component TN, TP, up; window
  // summaries.
  private final double[] predicted = new double[3];
  private final double[] innovationVariance = new double[3];
  private final double[] extrapolation = new double[12];
  private final float[] valueShift = new float[3];
  private final RollingWindows.Fit fit = new RollingWindows.Fit();
  private final RollingWindows.Shape shape = new RollingWindows.Shape();

  /**
   * @param stationCode station code (as in the layout)
   * @param config feature configuration (windows, thresholds)
   * @param trenchNormalAzimuthDeg azimuth of the landward trench-normal, degrees clockwise from
   *     north
   */
  public StationFeatureState(
      String stationCode, FeatureConfig config, double trenchNormalAzimuthDeg) {
    this.stationCode = Objects.requireNonNull(stationCode, "stationCode");
    this.config = Objects.requireNonNull(config, "config");
    if (!Double.isFinite(trenchNormalAzimuthDeg)) {
      throw new IllegalArgumentException("azimuth must be finite: " + trenchNormalAzimuthDeg);
    }
    this.trenchNormalAzimuthDeg = trenchNormalAzimuthDeg;
    double radians = Math.toRadians(trenchNormalAzimuthDeg);
    this.sinAzimuth = Math.sin(radians);
    this.cosAzimuth = Math.cos(radians);
    this.jumpThresholdSquared = config.jumpThresholdSigma() * config.jumpThresholdSigma();
    this.series = new RollingWindows(config.windowSamples(), 3, 2);
  }

  public String stationCode() {
    return stationCode;
  }

  /** Epoch of the newest sample, or {@code Long.MIN_VALUE} before the first. */
  public long lastEpochMicros() {
    return lastEpochMicros;
  }

  /**
   * The tick the newest sample belongs to (the only tick {@link #snapshot} accepts), or {@code
   * Long.MIN_VALUE} before the first sample. A streaming caller emits this tick's snapshot before
   * ingesting a sample of a later tick, or when the watermark passes it.
   */
  public long openTickMicros() {
    return started ? config.tickOf(lastEpochMicros) : Long.MIN_VALUE;
  }

  /**
   * Ingests one sample. Epochs must strictly increase (the caller sorts and drops duplicates);
   * displacements must be finite and sigmas finite and positive.
   *
   * @throws IllegalArgumentException on a non-increasing epoch or an invalid number
   * @throws IllegalStateException when the retained samples (the longest window and the one before
   *     it) and this one span more than 2<sup>32</sup> &minus; 1 s (136 years: fewer than one
   *     sample per 13 days with the default windows), which int times cannot hold; the state is
   *     then unchanged
   */
  public void update(
      long epochMicros,
      double eastMeters,
      double northMeters,
      double upMeters,
      double sigmaEastMeters,
      double sigmaNorthMeters,
      double sigmaUpMeters) {
    requireSamples();
    if (started && epochMicros <= lastEpochMicros) {
      throw new IllegalArgumentException(
          stationCode + ": epoch " + epochMicros + " not after " + lastEpochMicros);
    }
    if (!(Double.isFinite(eastMeters)
        && Double.isFinite(northMeters)
        && Double.isFinite(upMeters))) {
      throw new IllegalArgumentException(
          stationCode + ": non-finite displacement at " + epochMicros);
    }
    if (!(sigmaEastMeters > 0
        && sigmaNorthMeters > 0
        && sigmaUpMeters > 0
        && Double.isFinite(sigmaEastMeters)
        && Double.isFinite(sigmaNorthMeters)
        && Double.isFinite(sigmaUpMeters))) {
      throw new IllegalArgumentException(
          stationCode + ": sigmas must be finite and > 0 at " + epochMicros);
    }
    final double normalRaw = eastMeters * sinAzimuth + northMeters * cosAzimuth;
    final double parallelRaw = eastMeters * cosAzimuth - northMeters * sinAzimuth;
    if (!started) {
      started = true;
      baseEpochMicros = epochMicros;
      baseNormal = normalRaw;
      baseParallel = parallelRaw;
      baseUp = upMeters;
    }
    long seconds =
        Math.floorDiv(epochMicros - baseEpochMicros, MICROS_PER_SECOND) - originShiftSeconds;
    if (seconds > Integer.MAX_VALUE) {
      seconds -= moveOrigin(seconds);
    }
    final int time = (int) seconds;
    // Relative to the windows' value origin (first sample plus its whole-metre shifts).
    double normal = normalRaw - baseNormal - offsetNormal - originShiftNormal;
    double parallelValue = parallelRaw - baseParallel - offsetParallel - originShiftParallel;
    double up = upMeters - baseUp - offsetUp - originShiftUp;

    if (series.totalCount() > 0) {
      // TN and up (components 0 and 1) in one pass.
      series.extrapolate(SHORT, MEDIUM, MIN_TREND_SAMPLES, TN, UP + 1, time, extrapolation);
      predict(0, sigmaNormalSquared(sigmaEastMeters, sigmaNorthMeters), 0);
      predict(4, sigmaUpMeters * sigmaUpMeters, 2);
      final double vNormal = normal - predicted[0];
      final double vUp = up - predicted[2];
      final double chiSquared =
          vNormal * vNormal / innovationVariance[0] + vUp * vUp / innovationVariance[2];
      if (chiSquared > jumpThresholdSquared) {
        // Rare: the trench-parallel prediction is only needed to replace the sample or measure a
        // step.
        final double sE2 = sigmaEastMeters * sigmaEastMeters;
        final double sN2 = sigmaNorthMeters * sigmaNorthMeters;
        series.extrapolate(SHORT, MEDIUM, MIN_TREND_SAMPLES, TP, TP + 1, time, extrapolation);
        predict(0, sE2 * cosAzimuth * cosAzimuth + sN2 * sinAzimuth * sinAzimuth, 1);
        final double vParallel = parallelValue - predicted[1];
        if (candidate && consistentWithCandidate(vNormal, vUp)) {
          confirmOffset(vNormal, vParallel, vUp);
          normal = normalRaw - baseNormal - offsetNormal - originShiftNormal;
          parallelValue = parallelRaw - baseParallel - offsetParallel - originShiftParallel;
          up = upMeters - baseUp - offsetUp - originShiftUp;
        } else {
          candidate = true;
          candidateEpochMicros = epochMicros;
          candidateNormal = vNormal;
          candidateParallel = vParallel;
          candidateUp = vUp;
          normal = predicted[0];
          parallelValue = predicted[1];
          up = predicted[2];
          candidatePositionNormal = (float) normal;
          candidatePositionUp = (float) up;
          screenedSamples++;
        }
      } else {
        candidate = false;
      }
    }
    sample[TN] = (float) normal;
    sample[UP] = (float) up;
    sample[TP] = (float) parallelValue;
    series.push(time, sample);
    lastEpochMicros = epochMicros;
  }

  /**
   * A state whose samples are not loaded must not be used: an error, not a refused sample (a caller
   * that dead-letters {@code IllegalStateException}s would lose the sample to its own bug).
   */
  private void requireSamples() {
    if (!series.ringLoaded()) {
      throw new AssertionError(
          stationCode + ": the samples stored apart were not loaded (completeRingLoad)");
    }
  }

  /**
   * Moves the windows' origin so a sample {@code seconds} after it fits (see the class comment);
   * the positions kept in the windows' frame move with it (exactly: whole metres off a float in
   * double).
   *
   * @return the time shift, seconds
   */
  private long moveOrigin(long seconds) {
    final long shift = series.rebaseToFit(seconds, valueShift);
    originShiftSeconds += shift;
    originShiftNormal += valueShift[TN];
    originShiftParallel += valueShift[TP];
    originShiftUp += valueShift[UP];
    positionAtOffsetNormal -= valueShift[TN];
    positionAtOffsetUp -= valueShift[UP];
    candidatePositionNormal -= valueShift[TN];
    candidatePositionUp -= valueShift[UP];
    return shift;
  }

  /**
   * Prediction and innovation variance into slot {@code out} from the extrapolation of one
   * component at {@code extrapolation[at..at+3]}.
   */
  private void predict(int at, double sigmaObservedSquared, int out) {
    final double residual = extrapolation[at + 1];
    // Until the medium window can estimate it, assume the realised scatter is the formal sigma.
    final double scatter = Double.isNaN(residual) ? sigmaObservedSquared : residual;
    predicted[out] = extrapolation[at];
    innovationVariance[out] =
        (sigmaObservedSquared + scatter) * (1.0 + extrapolation[at + 3])
            + scatter * extrapolation[at + 2];
  }

  private boolean consistentWithCandidate(double vNormal, double vUp) {
    final double dN = vNormal - candidateNormal;
    final double dU = vUp - candidateUp;
    final double chiSquared =
        (dN * dN / innovationVariance[0] + dU * dU / innovationVariance[2]) / 2.0;
    return chiSquared <= jumpThresholdSquared;
  }

  private double sigmaNormalSquared(double sigmaEastMeters, double sigmaNorthMeters) {
    return sigmaEastMeters * sigmaEastMeters * sinAzimuth * sinAzimuth
        + sigmaNorthMeters * sigmaNorthMeters * cosAzimuth * cosAzimuth;
  }

  private void confirmOffset(double vNormal, double vParallel, double vUp) {
    lastOffsetNormal = 0.5 * (vNormal + candidateNormal);
    lastOffsetParallel = 0.5 * (vParallel + candidateParallel);
    lastOffsetUp = 0.5 * (vUp + candidateUp);
    offsetNormal += lastOffsetNormal;
    offsetParallel += lastOffsetParallel;
    offsetUp += lastOffsetUp;
    offsetCount++;
    lastOffsetEpochMicros = candidateEpochMicros;
    positionAtOffsetNormal = candidatePositionNormal;
    positionAtOffsetUp = candidatePositionUp;
    candidate = false;
  }

  /**
   * The snapshot for tick {@code tickMicros}; the newest sample must lie in (tick &minus; interval,
   * tick].
   *
   * @throws IllegalStateException when the station has no sample in that interval
   */
  public StationSnapshot snapshot(long tickMicros) {
    if (!config.isTick(tickMicros)) {
      throw new IllegalArgumentException("not a tick: " + tickMicros);
    }
    requireSamples();
    // Newest sample in (tick - interval, tick], checked without a division.
    if (!started
        || lastEpochMicros > tickMicros
        || tickMicros - lastEpochMicros >= config.tickIntervalMicros()) {
      throw new IllegalStateException(
          stationCode
              + ": no sample in the interval ending at tick "
              + tickMicros
              + " (last epoch "
              + lastEpochMicros
              + ")");
    }
    final int[] counts = new int[StationSnapshot.WINDOWS];
    final double[] stats = new double[StationSnapshot.WINDOWS * STATISTICS];
    final double rateScale = 1000.0 * SECONDS_PER_YEAR;
    for (int w = 0; w < StationSnapshot.WINDOWS; w++) {
      counts[w] = series.count(w);
      final int o = w * STATISTICS;
      series.fit(w, TN, fit);
      stats[o + StationStatistic.RATE_TRENCH_NORMAL.ordinal()] = fit.slope * rateScale;
      stats[o + StationStatistic.DETRENDED_VARIANCE_TRENCH_NORMAL.ordinal()] =
          fit.residualVariance * 1e6;
      series.fit(w, UP, fit);
      stats[o + StationStatistic.RATE_VERTICAL.ordinal()] = fit.slope * rateScale;
      stats[o + StationStatistic.DETRENDED_VARIANCE_VERTICAL.ordinal()] =
          fit.residualVariance * 1e6;
      series.shape(w, TN, shape);
      stats[o + StationStatistic.INCREMENT_SKEWNESS_TRENCH_NORMAL.ordinal()] =
          shape.incrementSkewness;
      stats[o + StationStatistic.INCREMENT_EXCESS_KURTOSIS_TRENCH_NORMAL.ordinal()] =
          shape.incrementExcessKurtosis;
      stats[o + StationStatistic.RANGE_TRENCH_NORMAL.ordinal()] = (shape.max - shape.min) * 1000.0;
      series.shape(w, UP, shape);
      stats[o + StationStatistic.INCREMENT_SKEWNESS_VERTICAL.ordinal()] = shape.incrementSkewness;
      stats[o + StationStatistic.INCREMENT_EXCESS_KURTOSIS_VERTICAL.ordinal()] =
          shape.incrementExcessKurtosis;
      stats[o + StationStatistic.RANGE_VERTICAL.ordinal()] = (shape.max - shape.min) * 1000.0;
    }
    // The prediction rule evaluated at the newest sample: denoised positions of TN, up, TP in the
    // windows' frame, reported relative to the first sample.
    series.extrapolate(
        SHORT, MEDIUM, MIN_TREND_SAMPLES, TN, TP + 1, series.lastTime(), extrapolation);
    final double normal = extrapolation[4 * TN];
    final double up = extrapolation[4 * UP];
    final double sinceOffsetNormal =
        offsetCount == 0 ? Double.NaN : (normal - positionAtOffsetNormal) * 1000.0;
    final double sinceOffsetUp = offsetCount == 0 ? Double.NaN : (up - positionAtOffsetUp) * 1000.0;
    final double normalPosition = normal + originShiftNormal;
    final double parallelPosition = extrapolation[4 * TP] + originShiftParallel;
    return new StationSnapshot(
        stationCode,
        tickMicros,
        lastEpochMicros,
        series.totalCount(),
        screenedSamples,
        counts,
        stats,
        east(normalPosition, parallelPosition),
        north(normalPosition, parallelPosition),
        up + originShiftUp,
        offsetCount,
        candidate,
        lastOffsetEpochMicros,
        east(lastOffsetNormal, lastOffsetParallel),
        north(lastOffsetNormal, lastOffsetParallel),
        lastOffsetUp,
        east(offsetNormal, offsetParallel),
        north(offsetNormal, offsetParallel),
        offsetUp,
        sinceOffsetNormal,
        sinceOffsetUp);
  }

  private double east(double normal, double parallelValue) {
    return normal * sinAzimuth + parallelValue * cosAzimuth;
  }

  private double north(double normal, double parallelValue) {
    return normal * cosAzimuth - parallelValue * sinAzimuth;
  }

  // ---------------------------------------------------------------- state

  /** Compact binary form (format version byte first); see {@link #readFrom}. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeByte(FORMAT_VERSION);
    writeFields(out);
    series.writeTo(out);
  }

  /**
   * Restores a state written by {@link #writeTo} under the same configuration.
   *
   * @throws IOException on a foreign format version, another configuration or a corrupt stream
   */
  public static StationFeatureState readFrom(DataInput in, FeatureConfig config)
      throws IOException {
    byte version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IOException("unsupported station state format version " + version);
    }
    StationFeatureState s = readFields(in, config);
    s.series.readFrom(in);
    return s;
  }

  // ------------------------------------------------- stored apart: a head and ring blocks

  /**
   * The state without its retained samples (about 1.3 KiB with the default windows, against 58 KiB
   * whole), for a store that keeps the samples apart in blocks ({@link #writeRingBlock}) and
   * rewrites only the blocks a sample changed ({@link #nextChangedRingBlock}): a daily tick then
   * writes the head and one 1 KiB block instead of the whole state. The blocks and the head
   * together hold exactly what {@link #writeTo} writes.
   */
  public void writeHeadTo(DataOutput out) throws IOException {
    out.writeByte(HEAD_FORMAT_VERSION);
    writeFields(out);
    series.writeHeadTo(out);
  }

  /**
   * Restores a head written by {@link #writeHeadTo}. The samples are then not loaded: read each
   * stored block with {@link #readRingBlock}, then {@link #completeRingLoad}; until then the state
   * serves {@link #lastEpochMicros} and {@link #openTickMicros} but refuses samples and snapshots.
   *
   * @throws IOException on a foreign format version, another configuration or a corrupt stream
   */
  public static StationFeatureState readHeadFrom(DataInput in, FeatureConfig config)
      throws IOException {
    byte version = in.readByte();
    if (version != HEAD_FORMAT_VERSION) {
      throw new IOException("unsupported station state head format version " + version);
    }
    StationFeatureState s = readFields(in, config);
    s.series.readHeadFrom(in);
    return s;
  }

  /** False between {@link #readHeadFrom} and {@link #completeRingLoad}. */
  public boolean ringLoaded() {
    return series.ringLoaded();
  }

  /** How many blocks the retained samples are stored in. */
  public int ringBlocks() {
    return series.ringBlocks();
  }

  /** Bytes {@link #writeRingBlock} writes for block {@code block}. */
  public int ringBlockBytes(int block) {
    return series.ringBlockBytes(block);
  }

  /** Writes block {@code block} of the retained samples. */
  public void writeRingBlock(int block, DataOutput out) throws IOException {
    series.writeRingBlock(block, out);
  }

  /**
   * Reads a block written by {@link #writeRingBlock} into a state read by {@link #readHeadFrom}.
   */
  public void readRingBlock(int block, DataInput in) throws IOException {
    series.readRingBlock(block, in);
  }

  /**
   * Ends the load of a state read by {@link #readHeadFrom}; it is then bit for bit the state that
   * was written.
   *
   * @throws IOException when the blocks do not fit the head
   */
  public void completeRingLoad() throws IOException {
    series.completeRingLoad();
  }

  /**
   * The first block at or after {@code from} that changed since {@link #clearChangedRingBlocks}, or
   * -1. A fresh state has none; a sample changes one; a move of the windows' origin, or a whole
   * {@link #readFrom}, all.
   */
  public int nextChangedRingBlock(int from) {
    return series.nextChangedRingBlock(from);
  }

  /** Marks every block as stored. */
  public void clearChangedRingBlocks() {
    series.clearChangedRingBlocks();
  }

  private void writeFields(DataOutput out) throws IOException {
    out.writeLong(config.fingerprint());
    out.writeUTF(stationCode);
    out.writeDouble(trenchNormalAzimuthDeg);
    out.writeBoolean(started);
    out.writeLong(baseEpochMicros);
    out.writeDouble(baseNormal);
    out.writeDouble(baseParallel);
    out.writeDouble(baseUp);
    out.writeLong(originShiftSeconds);
    out.writeDouble(originShiftNormal);
    out.writeDouble(originShiftParallel);
    out.writeDouble(originShiftUp);
    out.writeLong(lastEpochMicros);
    out.writeLong(screenedSamples);
    out.writeDouble(offsetNormal);
    out.writeDouble(offsetParallel);
    out.writeDouble(offsetUp);
    out.writeInt(offsetCount);
    out.writeLong(lastOffsetEpochMicros);
    out.writeDouble(lastOffsetNormal);
    out.writeDouble(lastOffsetParallel);
    out.writeDouble(lastOffsetUp);
    out.writeDouble(positionAtOffsetNormal);
    out.writeDouble(positionAtOffsetUp);
    out.writeBoolean(candidate);
    out.writeLong(candidateEpochMicros);
    out.writeDouble(candidateNormal);
    out.writeDouble(candidateParallel);
    out.writeDouble(candidateUp);
    out.writeDouble(candidatePositionNormal);
    out.writeDouble(candidatePositionUp);
  }

  private static StationFeatureState readFields(DataInput in, FeatureConfig config)
      throws IOException {
    long fingerprint = in.readLong();
    if (fingerprint != config.fingerprint()) {
      throw new IOException("station state was written under another feature configuration");
    }
    StationFeatureState s = new StationFeatureState(in.readUTF(), config, in.readDouble());
    s.started = in.readBoolean();
    s.baseEpochMicros = in.readLong();
    s.baseNormal = in.readDouble();
    s.baseParallel = in.readDouble();
    s.baseUp = in.readDouble();
    s.originShiftSeconds = in.readLong();
    s.originShiftNormal = in.readDouble();
    s.originShiftParallel = in.readDouble();
    s.originShiftUp = in.readDouble();
    s.lastEpochMicros = in.readLong();
    s.screenedSamples = in.readLong();
    s.offsetNormal = in.readDouble();
    s.offsetParallel = in.readDouble();
    s.offsetUp = in.readDouble();
    s.offsetCount = in.readInt();
    s.lastOffsetEpochMicros = in.readLong();
    s.lastOffsetNormal = in.readDouble();
    s.lastOffsetParallel = in.readDouble();
    s.lastOffsetUp = in.readDouble();
    s.positionAtOffsetNormal = in.readDouble();
    s.positionAtOffsetUp = in.readDouble();
    s.candidate = in.readBoolean();
    s.candidateEpochMicros = in.readLong();
    s.candidateNormal = in.readDouble();
    s.candidateParallel = in.readDouble();
    s.candidateUp = in.readDouble();
    s.candidatePositionNormal = in.readDouble();
    s.candidatePositionUp = in.readDouble();
    return s;
  }

  /**
   * The serialized bytes: two states are equivalent (will produce identical snapshots from
   * identical input) exactly when these are equal, which is how tests and the job compare states.
   */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Seconds the windows' time origin has moved past the first sample's epoch (for tests). */
  long originShiftSeconds() {
    return originShiftSeconds;
  }

  /** Approximate retained heap bytes of this state (arrays, headers, compressed references). */
  public long heapBytes() {
    // Fields, scratch arrays and holders, the code string, and the rolling series.
    return 332
        + 40
        + 40
        + 112
        + 32
        + 72
        + 56
        + 32
        + (40 + 2L * stationCode.length())
        + series.heapBytes();
  }
}
