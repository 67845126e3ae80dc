package org.asperity.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one station contributes to its region at one forecast tick: the rolling statistics of its
 * screened, offset-corrected series over the three windows, its interseismic position and its
 * detected offsets. Immutable; equality is bitwise on every number (NaN equals NaN), which is what
 * the online/offline parity checks need.
 *
 * <p>Positions are relative to the station's first sample ("reference"), with detected offsets
 * removed. Unknown values are NaN; "no offset yet" is {@code offsetCount == 0} and {@code
 * lastOffsetEpochMicros == Long.MIN_VALUE}.
 *
 * @param tickMicros the forecast tick this snapshot is for, microseconds since 1970
 * @param lastEpochMicros epoch of the newest sample ingested, in (tick &minus; interval, tick]
 * @param sampleCount samples ingested since the station's state was created
 * @param screenedSampleCount samples replaced by their prediction (outliers and first samples of
 *     offsets) since creation
 * @param interseismicEastMeters interseismic east position (detected offsets removed), smoothed by
 *     the short-window fit, m
 * @param offsetCount offsets detected since creation
 * @param offsetCandidate whether the newest sample was screened (beyond the jump threshold) and
 *     awaits the next sample to tell an outlier from an offset: the interseismic position may then
 *     still contain a step
 * @param lastOffsetEpochMicros epoch of the first displaced sample of the latest offset, or {@code
 *     Long.MIN_VALUE} if none
 * @param cumulativeOffsetEastMeters sum of all detected offsets, east, m (0 when none)
 * @param displacementSinceOffsetTrenchNormalMm trench-normal displacement accumulated since the
 *     latest offset, mm; NaN if no offset yet
 * @param displacementSinceOffsetVerticalMm vertical displacement accumulated since the latest
 *     offset, mm; NaN if no offset yet
 */
public record StationSnapshot(
    String stationCode,
    long tickMicros,
    long lastEpochMicros,
    long sampleCount,
    long screenedSampleCount,
    int[] windowCounts,
    double[] statistics,
    double interseismicEastMeters,
    double interseismicNorthMeters,
    double interseismicUpMeters,
    int offsetCount,
    boolean offsetCandidate,
    long lastOffsetEpochMicros,
    double lastOffsetEastMeters,
    double lastOffsetNorthMeters,
    double lastOffsetUpMeters,
    double cumulativeOffsetEastMeters,
    double cumulativeOffsetNorthMeters,
    double cumulativeOffsetUpMeters,
    double displacementSinceOffsetTrenchNormalMm,
    double displacementSinceOffsetVerticalMm) {
  static final byte FORMAT_VERSION = 1;
  private static final int STATISTICS = StationStatistic.values().length;

  /** Three windows: short, medium, long. */
  public static final int WINDOWS = 3;

  public StationSnapshot {
    Objects.requireNonNull(stationCode, "stationCode");
    if (windowCounts.length != WINDOWS || statistics.length != WINDOWS * STATISTICS) {
      throw new IllegalArgumentException(
          "snapshot needs " + WINDOWS + " windows of " + STATISTICS + " statistics");
    }
    windowCounts = windowCounts.clone();
    statistics = statistics.clone();
  }

  /** Copy of the sample counts of the three windows. */
  @Override
  public int[] windowCounts() {
    return windowCounts.clone();
  }

  /** Copy of the statistics, window-major in {@link StationStatistic} order. */
  @Override
  public double[] statistics() {
    return statistics.clone();
  }

  /** Samples in window {@code window} (0 short, 1 medium, 2 long). */
  public int windowCount(int window) {
    return windowCounts[window];
  }

  /**
   * Statistic {@code statistic} over window {@code window} (0 short, 1 medium, 2 long); NaN when
   * undefined.
   */
  public double statistic(int window, StationStatistic statistic) {
    return statistics[window * STATISTICS + statistic.ordinal()];
  }

  /** Compact binary form, with a format version byte. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeByte(FORMAT_VERSION);
    out.writeUTF(stationCode);
    out.writeLong(tickMicros);
    out.writeLong(lastEpochMicros);
    out.writeLong(sampleCount);
    out.writeLong(screenedSampleCount);
    for (int c : windowCounts) {
      out.writeInt(c);
    }
    for (double s : statistics) {
      out.writeDouble(s);
    }
    out.writeDouble(interseismicEastMeters);
    out.writeDouble(interseismicNorthMeters);
    out.writeDouble(interseismicUpMeters);
    out.writeInt(offsetCount);
    out.writeBoolean(offsetCandidate);
    out.writeLong(lastOffsetEpochMicros);
    out.writeDouble(lastOffsetEastMeters);
    out.writeDouble(lastOffsetNorthMeters);
    out.writeDouble(lastOffsetUpMeters);
    out.writeDouble(cumulativeOffsetEastMeters);
    out.writeDouble(cumulativeOffsetNorthMeters);
    out.writeDouble(cumulativeOffsetUpMeters);
    out.writeDouble(displacementSinceOffsetTrenchNormalMm);
    out.writeDouble(displacementSinceOffsetVerticalMm);
  }

  /** Reads what {@link #writeTo} wrote. */
  public static StationSnapshot readFrom(DataInput in) throws IOException {
    byte version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IOException("unsupported station snapshot format version " + version);
    }
    String code = in.readUTF();
    long tick = in.readLong();
    long lastEpoch = in.readLong();
    long samples = in.readLong();
    long screened = in.readLong();
    int[] counts = new int[WINDOWS];
    for (int i = 0; i < WINDOWS; i++) {
      counts[i] = in.readInt();
    }
    double[] stats = new double[WINDOWS * STATISTICS];
    for (int i = 0; i < stats.length; i++) {
      stats[i] = in.readDouble();
    }
    return new StationSnapshot(
        code,
        tick,
        lastEpoch,
        samples,
        screened,
        counts,
        stats,
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readInt(),
        in.readBoolean(),
        in.readLong(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble());
  }

  private double[] scalars() {
    return new double[] {
      interseismicEastMeters,
      interseismicNorthMeters,
      interseismicUpMeters,
      lastOffsetEastMeters,
      lastOffsetNorthMeters,
      lastOffsetUpMeters,
      cumulativeOffsetEastMeters,
      cumulativeOffsetNorthMeters,
      cumulativeOffsetUpMeters,
      displacementSinceOffsetTrenchNormalMm,
      displacementSinceOffsetVerticalMm
    };
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof StationSnapshot)) {
      return false;
    }
    StationSnapshot s = (StationSnapshot) o;
    return stationCode.equals(s.stationCode)
        && tickMicros == s.tickMicros
        && lastEpochMicros == s.lastEpochMicros
        && sampleCount == s.sampleCount
        && screenedSampleCount == s.screenedSampleCount
        && offsetCount == s.offsetCount
        && offsetCandidate == s.offsetCandidate
        && lastOffsetEpochMicros == s.lastOffsetEpochMicros
        && Arrays.equals(windowCounts, s.windowCounts)
        && Arrays.equals(statistics, s.statistics)
        && Arrays.equals(scalars(), s.scalars());
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(stationCode, tickMicros, lastEpochMicros, sampleCount, offsetCount);
    h = 31 * h + Arrays.hashCode(statistics);
    return 31 * h + Arrays.hashCode(scalars());
  }

  @Override
  public String toString() {
    return "StationSnapshot["
        + stationCode
        + " @"
        + tickMicros
        + ", samples "
        + sampleCount
        + ", offsets "
        + offsetCount
        + "]";
  }
}
