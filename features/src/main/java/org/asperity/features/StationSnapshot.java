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
 */
public final class StationSnapshot {
  static final byte FORMAT_VERSION = 1;
  private static final int STATISTICS = StationStatistic.values().length;

  /** Three windows: short, medium, long. */
  public static final int WINDOWS = 3;

  private final String stationCode;
  private final long tickMicros;
  private final long lastEpochMicros;
  private final long sampleCount;
  private final long screenedSampleCount;
  private final int[] windowCounts;
  private final double[] statistics;
  private final double interseismicEastMeters;
  private final double interseismicNorthMeters;
  private final double interseismicUpMeters;
  private final int offsetCount;
  private final boolean offsetCandidate;
  private final long lastOffsetEpochMicros;
  private final double lastOffsetEastMeters;
  private final double lastOffsetNorthMeters;
  private final double lastOffsetUpMeters;
  private final double cumulativeOffsetEastMeters;
  private final double cumulativeOffsetNorthMeters;
  private final double cumulativeOffsetUpMeters;
  private final double displacementSinceOffsetTrenchNormalMm;
  private final double displacementSinceOffsetVerticalMm;

  StationSnapshot(
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
    if (windowCounts.length != WINDOWS || statistics.length != WINDOWS * STATISTICS) {
      throw new IllegalArgumentException(
          "snapshot needs " + WINDOWS + " windows of " + STATISTICS + " statistics");
    }
    this.stationCode = Objects.requireNonNull(stationCode, "stationCode");
    this.tickMicros = tickMicros;
    this.lastEpochMicros = lastEpochMicros;
    this.sampleCount = sampleCount;
    this.screenedSampleCount = screenedSampleCount;
    this.windowCounts = windowCounts;
    this.statistics = statistics;
    this.interseismicEastMeters = interseismicEastMeters;
    this.interseismicNorthMeters = interseismicNorthMeters;
    this.interseismicUpMeters = interseismicUpMeters;
    this.offsetCount = offsetCount;
    this.offsetCandidate = offsetCandidate;
    this.lastOffsetEpochMicros = lastOffsetEpochMicros;
    this.lastOffsetEastMeters = lastOffsetEastMeters;
    this.lastOffsetNorthMeters = lastOffsetNorthMeters;
    this.lastOffsetUpMeters = lastOffsetUpMeters;
    this.cumulativeOffsetEastMeters = cumulativeOffsetEastMeters;
    this.cumulativeOffsetNorthMeters = cumulativeOffsetNorthMeters;
    this.cumulativeOffsetUpMeters = cumulativeOffsetUpMeters;
    this.displacementSinceOffsetTrenchNormalMm = displacementSinceOffsetTrenchNormalMm;
    this.displacementSinceOffsetVerticalMm = displacementSinceOffsetVerticalMm;
  }

  public String stationCode() {
    return stationCode;
  }

  /** The forecast tick this snapshot is for, microseconds since 1970. */
  public long tickMicros() {
    return tickMicros;
  }

  /** Epoch of the newest sample ingested, in (tick &minus; interval, tick]. */
  public long lastEpochMicros() {
    return lastEpochMicros;
  }

  /** Samples ingested since the station's state was created. */
  public long sampleCount() {
    return sampleCount;
  }

  /**
   * Samples replaced by their prediction (outliers and first samples of offsets) since creation.
   */
  public long screenedSampleCount() {
    return screenedSampleCount;
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

  /** Interseismic east position (detected offsets removed), smoothed by the short-window fit, m. */
  public double interseismicEastMeters() {
    return interseismicEastMeters;
  }

  /** Interseismic north position, m. */
  public double interseismicNorthMeters() {
    return interseismicNorthMeters;
  }

  /** Interseismic up position, m. */
  public double interseismicUpMeters() {
    return interseismicUpMeters;
  }

  /** Offsets detected since creation. */
  public int offsetCount() {
    return offsetCount;
  }

  /**
   * Whether the newest sample was screened (beyond the jump threshold) and awaits the next sample
   * to tell an outlier from an offset: the interseismic position may then still contain a step.
   */
  public boolean offsetCandidate() {
    return offsetCandidate;
  }

  /**
   * Epoch of the first displaced sample of the latest offset, or {@code Long.MIN_VALUE} if none.
   */
  public long lastOffsetEpochMicros() {
    return lastOffsetEpochMicros;
  }

  public double lastOffsetEastMeters() {
    return lastOffsetEastMeters;
  }

  public double lastOffsetNorthMeters() {
    return lastOffsetNorthMeters;
  }

  public double lastOffsetUpMeters() {
    return lastOffsetUpMeters;
  }

  /** Sum of all detected offsets, east, m (0 when none). */
  public double cumulativeOffsetEastMeters() {
    return cumulativeOffsetEastMeters;
  }

  public double cumulativeOffsetNorthMeters() {
    return cumulativeOffsetNorthMeters;
  }

  public double cumulativeOffsetUpMeters() {
    return cumulativeOffsetUpMeters;
  }

  /** Trench-normal displacement accumulated since the latest offset, mm; NaN if no offset yet. */
  public double displacementSinceOffsetTrenchNormalMm() {
    return displacementSinceOffsetTrenchNormalMm;
  }

  /** Vertical displacement accumulated since the latest offset, mm; NaN if no offset yet. */
  public double displacementSinceOffsetVerticalMm() {
    return displacementSinceOffsetVerticalMm;
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
