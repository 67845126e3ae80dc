package org.asperity.features;

import static org.asperity.time.TimeUnits.MICROS_PER_DAY;
import static org.asperity.time.TimeUnits.MICROS_PER_SECOND;
import static org.asperity.time.TimeUnits.SECONDS_PER_YEAR;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.asperity.features.rolling.RollingWindows;

/**
 * The rolling state of one region: collects the {@link StationSnapshot}s of each tick (in any
 * order), and at {@link #assemble} turns them into a {@link FeatureVector} while advancing its own
 * state: station positions for the slip-deficit inversion, coseismic event detection from station
 * offsets, per-asperity release bookkeeping and the rolling deficit-rate series.
 *
 * <p><b>Slip deficit.</b> Each tick, the interseismic positions of all layout stations (fresh ones
 * from their snapshot; missing ones imputed with their last known position, or 0 — their first
 * observation — if never seen; the count is reported) minus the coseismic corrections below are
 * mapped to deficit per asperity and matrix by the precomputed pseudo-inverse of {@link
 * SlipDeficitInversion} (weighted by the layout's nominal sigmas, damped by {@link
 * FeatureConfig#inversionDamping()}). Positions are relative to each station's first sample, so the
 * estimate has an arbitrary constant; only its changes are used (since a release, rates).
 *
 * <p><b>Events.</b> A station offset (count increase in its snapshot) becomes pending with its
 * epoch; pending offsets older than the coincidence window ({@link
 * FeatureConfig#eventCoincidenceMicros()}) are dropped. When at least {@link
 * FeatureConfig#eventMinStations()} are pending, a coseismic event is declared: its epoch is the
 * lower median of their epochs; the offsets (stations with a pending offset) and zeros (fresh
 * stations without one and without an unresolved offset candidate) are inverted with the coseismic
 * basis over exactly those stations for slip per asperity. Asperities with slip &ge; {@link
 * FeatureConfig#releaseMinSlipMeters()} and &ge; {@link FeatureConfig#releaseRelativeSlip()}
 * &times; the largest are released: their "deficit since release" restarts from the current
 * estimate, and every other asperity's "slip on b since release" accumulates the (positive part of
 * the) slip. For the fresh stations that showed no offset, the event's predicted displacement is
 * added to their coseismic correction so sub-noise steps do not leak into the deficit estimate.
 * Station offsets arriving later with an epoch within the coincidence window after an event belong
 * to it and are ignored.
 *
 * <p><b>Catalog events.</b> {@link #noteCatalogEvent} tells the state of a large earthquake known
 * from a catalog rather than from its stations (a job started after the last rupture). It sets the
 * network's last (or previous) event unless the state already knows one within the coincidence
 * window of its origin time: one quake is never counted twice. When both exist, what the stations
 * showed wins (the epoch, Mw proxy, stations and asperities the model was trained on): a catalog
 * event the state already detected changes nothing, and an event detected later within the window
 * of a catalog event replaces it instead of following it. A catalog-only event has no station or
 * asperity count (NaN) and its catalog Mw as the Mw proxy; per-asperity releases need the slip
 * inversion and stay unknown. Events are kept by origin time, not arrival: the newest two are the
 * last and previous, whatever order they come in, and noting one again changes nothing.
 *
 * <p><b>Ticks.</b> {@link #offer} accepts snapshots for any tick after the last assembled one and
 * buffers them per tick. {@link #assemble} must be called for ticks in increasing order, and every
 * buffered earlier tick must have been assembled. A tick with no snapshots is a pure query: it
 * returns a vector (stations used 0) computed from the current state and changes nothing, so a
 * caller may call it or skip it with identical results afterwards.
 *
 * <p>Serializable with {@link #writeTo}/{@link #readFrom}; a restored state continues
 * bit-identically. Not thread-safe.
 */
public final class RegionFeatureState {
  /** 2: the deficit series' origin shifts (version 1 states are not readable). */
  static final byte FORMAT_VERSION = 2;

  /** {@code lastEventStations} of an event known only from a catalog (no station saw it). */
  private static final int CATALOG_ONLY = -1;

  private static final int SHORT = 0;
  private static final int LONG = 2;

  private final RegionLayout layout;
  private final FeatureConfig config;
  private final FeatureSchema schema;
  private final SlipDeficitInversion deficitInversion;
  private final SlipDeficitInversion coseismicInversion;
  private final int stations;
  private final int asperities;
  private final int parameters;
  private final boolean[][] groupMembers;
  private final List<String> stationCodes;

  private final double[] lastPosition;
  private final double[] coseismicCorrection;
  private final int[] lastOffsetCount;
  private final double[] lastCumulativeOffset;
  private final long[] pendingOffsetEpoch;
  private final double[] pendingOffset;

  private long lastAssembledTick = Long.MIN_VALUE;
  private final TreeMap<Long, StationSnapshot[]> buffered = new TreeMap<>();

  private final RollingWindows deficitSeries;
  private boolean deficitStarted;
  private long deficitOriginTick;
  private final double[] deficitOrigin;

  /**
   * How far the deficit series' origin has moved past its first tick: whole seconds, whole metres
   * per parameter.
   */
  private long deficitShiftSeconds;

  private final double[] deficitShift;
  private final float[] deficitSample;
  private final float[] deficitShiftScratch;

  private long lastEventEpoch = Long.MIN_VALUE;
  private long previousEventEpoch = Long.MIN_VALUE;
  private double lastEventMwProxy = Double.NaN;
  private int lastEventStations;
  private int lastEventAsperities;
  private long absorbOffsetsUntil = Long.MIN_VALUE;

  private final long[] releaseEpoch;
  private final double[] deficitAtRelease;
  private final double[] lastReleaseSlip;
  private final double[] slipSinceRelease;

  private final double[] scratch;

  public RegionFeatureState(RegionLayout layout, FeatureConfig config) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.config = Objects.requireNonNull(config, "config");
    this.schema = FeatureSchema.of(config, layout);
    double[] sigmas = layout.rowSigmasMeters();
    this.deficitInversion =
        new SlipDeficitInversion(layout.deficitBasis(), sigmas, config.inversionDamping());
    this.coseismicInversion =
        new SlipDeficitInversion(layout.coseismicBasis(), sigmas, config.inversionDamping());
    this.stations = layout.stationCount();
    this.asperities = layout.asperityCount();
    this.parameters = asperities + 1;
    FeatureSchema.Group[] groups = FeatureSchema.Group.values();
    this.groupMembers = new boolean[groups.length][stations];
    List<String> codes = new ArrayList<>(stations);
    for (int i = 0; i < stations; i++) {
      RegionLayout.Station s = layout.stations().get(i);
      codes.add(s.code());
      for (FeatureSchema.Group g : groups) {
        groupMembers[g.ordinal()][i] = g.contains(s, config);
      }
    }
    this.stationCodes = List.copyOf(codes);
    this.lastPosition = new double[3 * stations];
    this.coseismicCorrection = new double[3 * stations];
    this.lastOffsetCount = new int[stations];
    this.lastCumulativeOffset = new double[3 * stations];
    this.pendingOffsetEpoch = new long[stations];
    Arrays.fill(pendingOffsetEpoch, Long.MIN_VALUE);
    this.pendingOffset = new double[3 * stations];
    this.deficitSeries = new RollingWindows(config.windowSamples(), parameters, 0);
    this.deficitOrigin = new double[parameters];
    this.deficitShift = new double[parameters];
    this.deficitSample = new float[parameters];
    this.deficitShiftScratch = new float[parameters];
    this.releaseEpoch = new long[asperities];
    Arrays.fill(releaseEpoch, Long.MIN_VALUE);
    this.deficitAtRelease = new double[asperities];
    Arrays.fill(deficitAtRelease, Double.NaN);
    this.lastReleaseSlip = new double[asperities];
    Arrays.fill(lastReleaseSlip, Double.NaN);
    this.slipSinceRelease = new double[asperities * asperities];
    Arrays.fill(slipSinceRelease, Double.NaN);
    this.scratch = new double[stations];
  }

  public FeatureSchema schema() {
    return schema;
  }

  public RegionLayout layout() {
    return layout;
  }

  /**
   * The last tick assembled with at least one snapshot, or {@code Long.MIN_VALUE}; offers must be
   * later.
   */
  public long lastAssembledTickMicros() {
    return lastAssembledTick;
  }

  /**
   * Buffers one station's snapshot for its tick.
   *
   * @throws IllegalArgumentException if the station is not in the layout, the tick is not after the
   *     last assembled tick (late data), or the station already has a snapshot for that tick
   */
  public void offer(StationSnapshot snapshot) {
    int i = layout.stationIndex(snapshot.stationCode());
    if (i < 0) {
      throw new IllegalArgumentException(
          "station " + snapshot.stationCode() + " is not in layout " + layout.region());
    }
    long tick = snapshot.tickMicros();
    if (!config.isTick(tick)) {
      throw new IllegalArgumentException(
          "snapshot tick " + tick + " is not a multiple of the tick interval");
    }
    if (tick <= lastAssembledTick) {
      throw new IllegalArgumentException(
          "late snapshot of "
              + snapshot.stationCode()
              + " for tick "
              + tick
              + ": tick "
              + lastAssembledTick
              + " is already assembled");
    }
    StationSnapshot[] slots = buffered.computeIfAbsent(tick, t -> new StationSnapshot[stations]);
    if (slots[i] != null) {
      throw new IllegalArgumentException(
          "duplicate snapshot of " + snapshot.stationCode() + " for tick " + tick);
    }
    slots[i] = snapshot;
  }

  /**
   * The feature vector at tick {@code tickMicros} from the snapshots offered for it, advancing the
   * state (unless no snapshot was offered: then a pure query).
   *
   * @throws IllegalArgumentException if the tick is not a tick or not after the last assembled one
   * @throws IllegalStateException if snapshots of an earlier tick are still buffered
   */
  public FeatureVector assemble(long tickMicros) {
    if (!config.isTick(tickMicros)) {
      throw new IllegalArgumentException("not a tick: " + tickMicros);
    }
    if (tickMicros <= lastAssembledTick) {
      throw new IllegalArgumentException(
          "tick " + tickMicros + " is not after the last assembled tick " + lastAssembledTick);
    }
    if (!buffered.isEmpty() && buffered.firstKey() < tickMicros) {
      throw new IllegalStateException(
          "tick "
              + buffered.firstKey()
              + " has snapshots but was not assembled before "
              + tickMicros);
    }
    StationSnapshot[] fresh = buffered.remove(tickMicros);
    if (fresh == null) {
      return features(tickMicros, new StationSnapshot[stations], currentDeficit());
    }
    ingestPositionsAndOffsets(fresh);
    long horizon = tickMicros - config.eventCoincidenceMicros();
    int pending = 0;
    for (int i = 0; i < stations; i++) {
      if (pendingOffsetEpoch[i] != Long.MIN_VALUE && pendingOffsetEpoch[i] <= horizon) {
        clearPending(i);
      }
      if (pendingOffsetEpoch[i] != Long.MIN_VALUE) {
        pending++;
      }
    }
    double[] slip = null;
    if (pending >= config.eventMinStations()) {
      slip = declareEvent(fresh, pending);
    }
    double[] deficit = currentDeficit();
    if (slip != null) {
      recordReleases(slip, deficit);
    }
    pushDeficit(tickMicros, deficit);
    lastAssembledTick = tickMicros;
    return features(tickMicros, fresh, deficit);
  }

  private void ingestPositionsAndOffsets(StationSnapshot[] fresh) {
    for (int i = 0; i < stations; i++) {
      StationSnapshot s = fresh[i];
      if (s == null) {
        continue;
      }
      int r = 3 * i;
      lastPosition[r] = s.interseismicEastMeters();
      lastPosition[r + 1] = s.interseismicNorthMeters();
      lastPosition[r + 2] = s.interseismicUpMeters();
      if (s.offsetCount() == lastOffsetCount[i]) {
        continue;
      }
      boolean newOffsets = s.offsetCount() > lastOffsetCount[i];
      double dEast = s.cumulativeOffsetEastMeters() - lastCumulativeOffset[r];
      double dNorth = s.cumulativeOffsetNorthMeters() - lastCumulativeOffset[r + 1];
      double dUp = s.cumulativeOffsetUpMeters() - lastCumulativeOffset[r + 2];
      lastOffsetCount[i] = s.offsetCount();
      lastCumulativeOffset[r] = s.cumulativeOffsetEastMeters();
      lastCumulativeOffset[r + 1] = s.cumulativeOffsetNorthMeters();
      lastCumulativeOffset[r + 2] = s.cumulativeOffsetUpMeters();
      // A decrease means the station's state was recreated: resynchronise, nothing to report.
      if (newOffsets && s.lastOffsetEpochMicros() > absorbOffsetsUntil) {
        if (pendingOffsetEpoch[i] == Long.MIN_VALUE) {
          pendingOffset[r] = dEast;
          pendingOffset[r + 1] = dNorth;
          pendingOffset[r + 2] = dUp;
        } else {
          pendingOffset[r] += dEast;
          pendingOffset[r + 1] += dNorth;
          pendingOffset[r + 2] += dUp;
        }
        pendingOffsetEpoch[i] = s.lastOffsetEpochMicros();
      }
    }
  }

  private void clearPending(int i) {
    pendingOffsetEpoch[i] = Long.MIN_VALUE;
    pendingOffset[3 * i] = 0;
    pendingOffset[3 * i + 1] = 0;
    pendingOffset[3 * i + 2] = 0;
  }

  /**
   * Declares a coseismic event from the pending offsets; returns the estimated slip per asperity.
   */
  private double[] declareEvent(StationSnapshot[] fresh, int pending) {
    long[] epochs = new long[pending];
    double[] observed = new double[3 * stations];
    boolean[] used = new boolean[3 * stations];
    boolean[] quiet = new boolean[stations];
    int e = 0;
    for (int i = 0; i < stations; i++) {
      int r = 3 * i;
      if (pendingOffsetEpoch[i] != Long.MIN_VALUE) {
        epochs[e++] = pendingOffsetEpoch[i];
        for (int c = 0; c < 3; c++) {
          observed[r + c] = pendingOffset[r + c];
          used[r + c] = true;
        }
      } else if (fresh[i] != null && !fresh[i].offsetCandidate()) {
        quiet[i] = true;
        used[r] = true;
        used[r + 1] = true;
        used[r + 2] = true;
      }
    }
    Arrays.sort(epochs);
    long eventEpoch = epochs[(pending - 1) / 2];
    double[] slip = coseismicInversion.estimateSubset(observed, used);
    for (int i = 0; i < stations; i++) {
      if (quiet[i]) {
        for (int c = 0; c < 3; c++) {
          coseismicCorrection[3 * i + c] += coseismicInversion.predict(3 * i + c, slip);
        }
      }
      clearPending(i);
    }
    double potencyKm2Meters = 0;
    for (int a = 0; a < asperities; a++) {
      potencyKm2Meters += layout.asperities().get(a).areaKm2() * Math.max(slip[a], 0.0);
    }
    // Hanks & Kanamori (1979): Mw = 2/3 (log10 M0 - 9.1), M0 = rigidity * area * slip in N m.
    double momentNewtonMeters = config.rigidityPascals() * potencyKm2Meters * 1e6;
    boolean catalogKnewIt =
        lastEventStations == CATALOG_ONLY && sameQuake(eventEpoch, lastEventEpoch);
    if (!catalogKnewIt) {
      previousEventEpoch = lastEventEpoch;
    }
    lastEventEpoch = eventEpoch;
    lastEventMwProxy =
        momentNewtonMeters > 0 ? (2.0 / 3.0) * (Math.log10(momentNewtonMeters) - 9.1) : Double.NaN;
    lastEventStations = pending;
    absorbOffsetsUntil = eventEpoch + config.eventCoincidenceMicros();
    return slip;
  }

  /**
   * A large earthquake of the region from a catalog (see the class comment); the caller decides
   * what is large. Call it when the ticks have reached its origin time, so features never see an
   * event in their future.
   *
   * @param originTimeMicros the catalog's origin time, µs since 1970
   * @param momentMagnitude the catalog's Mw
   * @return whether the state changed
   */
  public boolean noteCatalogEvent(long originTimeMicros, double momentMagnitude) {
    if (sameQuake(originTimeMicros, lastEventEpoch)) {
      if (lastEventStations != CATALOG_ONLY
          || (originTimeMicros == lastEventEpoch && momentMagnitude == lastEventMwProxy)) {
        return false;
      }
      // A revised catalog entry of the same quake: the later record wins.
      lastEventEpoch = originTimeMicros;
      lastEventMwProxy = momentMagnitude;
      return true;
    }
    if (sameQuake(originTimeMicros, previousEventEpoch)) {
      return false;
    }
    if (lastEventEpoch == Long.MIN_VALUE || originTimeMicros > lastEventEpoch) {
      previousEventEpoch = lastEventEpoch;
      lastEventEpoch = originTimeMicros;
      lastEventMwProxy = momentMagnitude;
      lastEventStations = CATALOG_ONLY;
      lastEventAsperities = CATALOG_ONLY;
      return true;
    }
    if (previousEventEpoch == Long.MIN_VALUE || originTimeMicros > previousEventEpoch) {
      previousEventEpoch = originTimeMicros;
      return true;
    }
    return false;
  }

  /** Whether two event epochs are one quake: within the coincidence window of each other. */
  private boolean sameQuake(long aMicros, long bMicros) {
    return aMicros != Long.MIN_VALUE
        && bMicros != Long.MIN_VALUE
        && Math.abs(aMicros - bMicros) <= config.eventCoincidenceMicros();
  }

  private void recordReleases(double[] slip, double[] deficit) {
    double largest = 0;
    for (int a = 0; a < asperities; a++) {
      largest = Math.max(largest, slip[a]);
    }
    boolean[] released = new boolean[asperities];
    int count = 0;
    for (int a = 0; a < asperities; a++) {
      released[a] =
          slip[a] >= config.releaseMinSlipMeters()
              && slip[a] >= config.releaseRelativeSlip() * largest
              && slip[a] > 0;
      if (released[a]) {
        count++;
      }
    }
    lastEventAsperities = count;
    for (int a = 0; a < asperities; a++) {
      if (released[a]) {
        releaseEpoch[a] = lastEventEpoch;
        deficitAtRelease[a] = deficit[a];
        lastReleaseSlip[a] = slip[a];
        for (int b = 0; b < asperities; b++) {
          slipSinceRelease[a * asperities + b] = a == b ? Double.NaN : 0.0;
        }
      } else if (releaseEpoch[a] != Long.MIN_VALUE) {
        for (int b = 0; b < asperities; b++) {
          if (b != a) {
            slipSinceRelease[a * asperities + b] += Math.max(slip[b], 0.0);
          }
        }
      }
    }
  }

  /** Deficit per asperity and matrix from the current (imputed, corrected) positions. */
  private double[] currentDeficit() {
    double[] u = new double[3 * stations];
    for (int r = 0; r < u.length; r++) {
      u[r] = lastPosition[r] - coseismicCorrection[r];
    }
    return deficitInversion.estimate(u);
  }

  /**
   * Appends the tick's deficit to the rolling series, as floats relative to the first tick's
   * deficit and int seconds since the first tick, both less the origin shifts: when a tick no
   * longer fits in an int (68 years, then about every 126 years of daily ticks with the default
   * windows) the origin moves by whole seconds and whole metres ({@link
   * RollingWindows#rebaseToFit}), so the deficit, which grows without bound (50 mm/yr for 10,000
   * years is 500 m), is stored near zero at full float resolution however long the region runs.
   */
  private void pushDeficit(long tickMicros, double[] deficit) {
    if (!deficitStarted) {
      deficitStarted = true;
      deficitOriginTick = tickMicros;
      System.arraycopy(deficit, 0, deficitOrigin, 0, parameters);
    }
    long seconds = (tickMicros - deficitOriginTick) / MICROS_PER_SECOND - deficitShiftSeconds;
    if (seconds > Integer.MAX_VALUE) {
      long shift = deficitSeries.rebaseToFit(seconds, deficitShiftScratch);
      deficitShiftSeconds += shift;
      for (int k = 0; k < parameters; k++) {
        deficitShift[k] += deficitShiftScratch[k];
      }
      seconds -= shift;
    }
    for (int k = 0; k < parameters; k++) {
      deficitSample[k] = (float) (deficit[k] - deficitOrigin[k] - deficitShift[k]);
    }
    deficitSeries.push((int) seconds, deficitSample);
  }

  // ---------------------------------------------------------------- features

  private FeatureVector features(long tick, StationSnapshot[] fresh, double[] deficit) {
    double[] v = new double[schema.size()];
    Arrays.fill(v, Double.NaN);
    int used = 0;
    List<String> missing = new ArrayList<>();
    double fill0 = 0;
    double fill1 = 0;
    double fill2 = 0;
    for (int i = 0; i < stations; i++) {
      if (fresh[i] == null) {
        missing.add(stationCodes.get(i));
      } else {
        used++;
        fill0 += (double) fresh[i].windowCount(0) / config.shortWindowSamples();
        fill1 += (double) fresh[i].windowCount(1) / config.mediumWindowSamples();
        fill2 += (double) fresh[i].windowCount(2) / config.longWindowSamples();
      }
    }
    groupFeatures(v, fresh);
    asperityFeatures(v, tick, deficit);
    network(v, tick);
    v[schema.qualityStationsUsed] = used;
    v[schema.qualityImputedFraction] = (double) (stations - used) / stations;
    if (used > 0) {
      v[schema.qualityWindowFill[0]] = fill0 / used;
      v[schema.qualityWindowFill[1]] = fill1 / used;
      v[schema.qualityWindowFill[2]] = fill2 / used;
    }
    return new FeatureVector(tick, schema.hash(), v, used, stations, missing);
  }

  private void groupFeatures(double[] v, StationSnapshot[] fresh) {
    for (FeatureSchema.Group g : FeatureSchema.Group.values()) {
      boolean[] members = groupMembers[g.ordinal()];
      int count = 0;
      for (int i = 0; i < stations; i++) {
        if (members[i] && fresh[i] != null) {
          count++;
        }
      }
      v[schema.groupStationsUsed[g.ordinal()]] = count;
      for (int w = 0; w < StationSnapshot.WINDOWS; w++) {
        for (int f = 0; f < FeatureSchema.WINDOW_FEATURES.size(); f++) {
          FeatureSchema.WindowFeature wf = FeatureSchema.WINDOW_FEATURES.get(f);
          int n = 0;
          for (int i = 0; i < stations; i++) {
            if (members[i] && fresh[i] != null) {
              double x = fresh[i].statistic(w, wf.statistic());
              if (!Double.isNaN(x)) {
                scratch[n++] = x;
              }
            }
          }
          v[schema.groupWindow[g.ordinal()][w][f]] =
              wf.aggregation() == FeatureSchema.Aggregation.MEAN
                  ? mean(scratch, n)
                  : median(scratch, n);
        }
      }
      StationStatistic[] rates = {
        StationStatistic.RATE_TRENCH_NORMAL, StationStatistic.RATE_VERTICAL
      };
      for (int c = 0; c < 2; c++) {
        int n = 0;
        for (int i = 0; i < stations; i++) {
          if (members[i] && fresh[i] != null) {
            double x = fresh[i].statistic(SHORT, rates[c]) - fresh[i].statistic(LONG, rates[c]);
            if (!Double.isNaN(x)) {
              scratch[n++] = x;
            }
          }
        }
        v[schema.groupRateChange[g.ordinal()][c]] = median(scratch, n);
        n = 0;
        for (int i = 0; i < stations; i++) {
          if (members[i] && fresh[i] != null) {
            double x =
                c == 0
                    ? fresh[i].displacementSinceOffsetTrenchNormalMm()
                    : fresh[i].displacementSinceOffsetVerticalMm();
            if (!Double.isNaN(x)) {
              scratch[n++] = x;
            }
          }
        }
        v[schema.groupDisplacementSinceOffset[g.ordinal()][c]] = median(scratch, n);
      }
    }
  }

  private void asperityFeatures(double[] v, long tick, double[] deficit) {
    for (int a = 0; a < asperities; a++) {
      boolean known = releaseEpoch[a] != Long.MIN_VALUE;
      v[schema.deficitSinceRelease[a]] = known ? deficit[a] - deficitAtRelease[a] : Double.NaN;
      v[schema.timeSinceRelease[a]] =
          known ? (tick - releaseEpoch[a]) / (double) MICROS_PER_DAY : Double.NaN;
      v[schema.lastReleaseSlip[a]] = lastReleaseSlip[a];
      for (int w = 0; w < StationSnapshot.WINDOWS; w++) {
        v[schema.deficitRate[a][w]] = deficitSeries.slopePerSecond(w, a) * SECONDS_PER_YEAR;
      }
      v[schema.deficitRateChange[a]] =
          v[schema.deficitRate[a][SHORT]] - v[schema.deficitRate[a][LONG]];
      for (int b = 0; b < asperities; b++) {
        if (b != a) {
          v[schema.slipOnSinceRelease[a][b]] = slipSinceRelease[a * asperities + b];
        }
      }
    }
    for (int w = 0; w < StationSnapshot.WINDOWS; w++) {
      v[schema.matrixDeficitRate[w]] =
          deficitSeries.slopePerSecond(w, asperities) * SECONDS_PER_YEAR;
    }
  }

  private void network(double[] v, long tick) {
    boolean any = lastEventEpoch != Long.MIN_VALUE;
    v[schema.networkTimeSinceLastEvent] =
        any ? (tick - lastEventEpoch) / (double) MICROS_PER_DAY : Double.NaN;
    v[schema.networkLastEventInterval] =
        previousEventEpoch != Long.MIN_VALUE
            ? (lastEventEpoch - previousEventEpoch) / (double) MICROS_PER_DAY
            : Double.NaN;
    v[schema.networkLastEventMwProxy] = lastEventMwProxy;
    boolean seen = any && lastEventStations != CATALOG_ONLY;
    v[schema.networkLastEventStations] = seen ? lastEventStations : Double.NaN;
    v[schema.networkLastEventAsperities] = seen ? lastEventAsperities : Double.NaN;
  }

  private static double mean(double[] x, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[i];
    }
    return s / n;
  }

  private static double median(double[] x, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    Arrays.sort(x, 0, n);
    return (n & 1) == 1 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
  }

  // ---------------------------------------------------------------- state

  /** Compact binary form (format version byte first); see {@link #readFrom}. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeByte(FORMAT_VERSION);
    out.writeUTF(layout.layoutHash());
    out.writeLong(config.fingerprint());
    writeDoubles(out, lastPosition);
    writeDoubles(out, coseismicCorrection);
    for (int c : lastOffsetCount) {
      out.writeInt(c);
    }
    writeDoubles(out, lastCumulativeOffset);
    for (long e : pendingOffsetEpoch) {
      out.writeLong(e);
    }
    writeDoubles(out, pendingOffset);
    out.writeLong(lastAssembledTick);
    out.writeInt(buffered.size());
    for (Map.Entry<Long, StationSnapshot[]> tick : buffered.entrySet()) {
      out.writeLong(tick.getKey());
      int n = 0;
      for (StationSnapshot s : tick.getValue()) {
        if (s != null) {
          n++;
        }
      }
      out.writeInt(n);
      for (StationSnapshot s : tick.getValue()) {
        if (s != null) {
          s.writeTo(out);
        }
      }
    }
    out.writeBoolean(deficitStarted);
    out.writeLong(deficitOriginTick);
    writeDoubles(out, deficitOrigin);
    out.writeLong(deficitShiftSeconds);
    writeDoubles(out, deficitShift);
    deficitSeries.writeTo(out);
    out.writeLong(lastEventEpoch);
    out.writeLong(previousEventEpoch);
    out.writeDouble(lastEventMwProxy);
    out.writeInt(lastEventStations);
    out.writeInt(lastEventAsperities);
    out.writeLong(absorbOffsetsUntil);
    for (long e : releaseEpoch) {
      out.writeLong(e);
    }
    writeDoubles(out, deficitAtRelease);
    writeDoubles(out, lastReleaseSlip);
    writeDoubles(out, slipSinceRelease);
  }

  /**
   * Restores a state written by {@link #writeTo} for the same layout and configuration.
   *
   * @throws IOException on a foreign format version, another layout or configuration, or corrupt
   *     data
   */
  public static RegionFeatureState readFrom(DataInput in, RegionLayout layout, FeatureConfig config)
      throws IOException {
    byte version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IOException("unsupported region state format version " + version);
    }
    String hash = in.readUTF();
    if (!hash.equals(layout.layoutHash())) {
      throw new IOException(
          "region state was written for layout " + hash + ", not " + layout.layoutHash());
    }
    if (in.readLong() != config.fingerprint()) {
      throw new IOException("region state was written under another feature configuration");
    }
    RegionFeatureState s = new RegionFeatureState(layout, config);
    readDoubles(in, s.lastPosition);
    readDoubles(in, s.coseismicCorrection);
    for (int i = 0; i < s.stations; i++) {
      s.lastOffsetCount[i] = in.readInt();
    }
    readDoubles(in, s.lastCumulativeOffset);
    for (int i = 0; i < s.stations; i++) {
      s.pendingOffsetEpoch[i] = in.readLong();
    }
    readDoubles(in, s.pendingOffset);
    s.lastAssembledTick = in.readLong();
    int ticks = in.readInt();
    for (int t = 0; t < ticks; t++) {
      long tick = in.readLong();
      int n = in.readInt();
      StationSnapshot[] slots = new StationSnapshot[s.stations];
      for (int k = 0; k < n; k++) {
        StationSnapshot snapshot = StationSnapshot.readFrom(in);
        int i = layout.stationIndex(snapshot.stationCode());
        if (i < 0 || slots[i] != null || snapshot.tickMicros() != tick) {
          throw new IOException("corrupt buffered snapshot " + snapshot);
        }
        slots[i] = snapshot;
      }
      s.buffered.put(tick, slots);
    }
    s.deficitStarted = in.readBoolean();
    s.deficitOriginTick = in.readLong();
    readDoubles(in, s.deficitOrigin);
    s.deficitShiftSeconds = in.readLong();
    readDoubles(in, s.deficitShift);
    s.deficitSeries.readFrom(in);
    s.lastEventEpoch = in.readLong();
    s.previousEventEpoch = in.readLong();
    s.lastEventMwProxy = in.readDouble();
    s.lastEventStations = in.readInt();
    s.lastEventAsperities = in.readInt();
    s.absorbOffsetsUntil = in.readLong();
    for (int a = 0; a < s.asperities; a++) {
      s.releaseEpoch[a] = in.readLong();
    }
    readDoubles(in, s.deficitAtRelease);
    readDoubles(in, s.lastReleaseSlip);
    readDoubles(in, s.slipSinceRelease);
    return s;
  }

  private static void writeDoubles(DataOutput out, double[] values) throws IOException {
    for (double d : values) {
      out.writeDouble(d);
    }
  }

  private static void readDoubles(DataInput in, double[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
  }

  /** Seconds the deficit series' time origin has moved past its first tick (for tests). */
  long deficitShiftSeconds() {
    return deficitShiftSeconds;
  }

  /** The serialized bytes: two states will behave identically exactly when these are equal. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
