package org.asperity.features;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The named, ordered feature list of a region's {@link FeatureVector}, derived from the {@link
 * FeatureConfig} (window lengths) and the asperity ids of the {@link RegionLayout}, with a stable
 * hash. Names are dot-separated, human-readable, with the unit last ({@code mmPerYr}, {@code mm2},
 * {@code mm}, {@code m}, {@code mPerYr}, {@code days}, {@code count}, {@code fraction};
 * dimensionless ones have none). {@code w30} is a station window of 30 samples, {@code t30} a
 * region window of 30 assembled ticks.
 *
 * <p>Order (A = asperities, G = groups coast, swath, inland, W = short, medium, long window):
 *
 * <ol>
 *   <li>per group, per window: {@link #WINDOW_FEATURES} aggregated over the group's stations
 *       ({@code <group>.w<N>.<statistic>.<mean|median>[.<unit>]});
 *   <li>per group: median short-minus-long rate change (trench-normal, vertical), median
 *       displacement since the last offset (trench-normal, vertical), stations used;
 *   <li>per asperity: deficit since release, time since release, slip of the last release, deficit
 *       rate per window, rate change short minus long, slip on every other asperity since its
 *       release;
 *   <li>matrix deficit rate per window;
 *   <li>network: time since last event, interval between the last two events, Mw proxy of the last
 *       event, its station and asperity counts;
 *   <li>quality: stations used, imputed fraction, mean window fill per window.
 * </ol>
 *
 * <p>Hash: SHA-256 (lowercase hex) of {@link #canonicalString()} = the line {@code
 * asperity-features schema v1}, the line {@code config <FeatureConfig canonical string>}, then one
 * line per name, each line ending with {@code \n}. Any change of configuration, name or order
 * changes it.
 */
public final class FeatureSchema {
  /** Version of the naming and ordering rules; part of the hash. */
  public static final int VERSION = 1;

  /** Station groups of the network aggregates. */
  public enum Group {
    /** Stations flagged coastal in the layout. */
    COAST("coast"),
    /**
     * Stations whose distance to the trench lies in the configured swath (Corbi et al. 2020: 70–85
     * km).
     */
    SWATH("swath"),
    /** Stations not flagged coastal. */
    INLAND("inland");

    private final String featureName;

    Group(String featureName) {
      this.featureName = featureName;
    }

    public String featureName() {
      return featureName;
    }

    /** Whether {@code station} belongs to this group under {@code config}. */
    public boolean contains(RegionLayout.Station station, FeatureConfig config) {
      switch (this) {
        case COAST:
          return station.coastal();
        case SWATH:
          return station.trenchDistanceKm() >= config.swathMinTrenchDistanceKm()
              && station.trenchDistanceKm() <= config.swathMaxTrenchDistanceKm();
        default:
          return !station.coastal();
      }
    }
  }

  /** How a per-station statistic is aggregated over a group. */
  public enum Aggregation {
    MEAN("mean"),
    MEDIAN("median");

    private final String featureName;

    Aggregation(String featureName) {
      this.featureName = featureName;
    }

    public String featureName() {
      return featureName;
    }
  }

  /** A per-window station statistic with its aggregation over a group. */
  public record WindowFeature(StationStatistic statistic, Aggregation aggregation) {}

  /** The per-group, per-window features, in schema order. */
  public static final List<WindowFeature> WINDOW_FEATURES =
      List.of(
          new WindowFeature(StationStatistic.RATE_TRENCH_NORMAL, Aggregation.MEDIAN),
          new WindowFeature(StationStatistic.RATE_TRENCH_NORMAL, Aggregation.MEAN),
          new WindowFeature(StationStatistic.RATE_VERTICAL, Aggregation.MEDIAN),
          new WindowFeature(StationStatistic.RATE_VERTICAL, Aggregation.MEAN),
          new WindowFeature(StationStatistic.DETRENDED_VARIANCE_TRENCH_NORMAL, Aggregation.MEAN),
          new WindowFeature(StationStatistic.DETRENDED_VARIANCE_VERTICAL, Aggregation.MEAN),
          new WindowFeature(StationStatistic.INCREMENT_SKEWNESS_TRENCH_NORMAL, Aggregation.MEAN),
          new WindowFeature(StationStatistic.INCREMENT_SKEWNESS_VERTICAL, Aggregation.MEAN),
          new WindowFeature(
              StationStatistic.INCREMENT_EXCESS_KURTOSIS_TRENCH_NORMAL, Aggregation.MEAN),
          new WindowFeature(StationStatistic.INCREMENT_EXCESS_KURTOSIS_VERTICAL, Aggregation.MEAN),
          new WindowFeature(StationStatistic.RANGE_TRENCH_NORMAL, Aggregation.MEAN),
          new WindowFeature(StationStatistic.RANGE_VERTICAL, Aggregation.MEAN));

  private final FeatureConfig config;
  private final List<String> asperityIds;
  private final List<String> names;
  private final Map<String, Integer> index;
  private final String canonical;
  private final String hash;

  // Index tables used by the region assembler to place each value.
  final int[][][] groupWindow;
  final int[][] groupRateChange;
  final int[][] groupDisplacementSinceOffset;
  final int[] groupStationsUsed;
  final int[] deficitSinceRelease;
  final int[] timeSinceRelease;
  final int[] lastReleaseSlip;
  final int[][] deficitRate;
  final int[] deficitRateChange;
  final int[][] slipOnSinceRelease;
  final int[] matrixDeficitRate;
  final int networkTimeSinceLastEvent;
  final int networkLastEventInterval;
  final int networkLastEventMwProxy;
  final int networkLastEventStations;
  final int networkLastEventAsperities;
  final int qualityStationsUsed;
  final int qualityImputedFraction;
  final int[] qualityWindowFill;

  /** The schema for {@code config} and the asperities of {@code layout}. */
  public static FeatureSchema of(FeatureConfig config, RegionLayout layout) {
    return new FeatureSchema(config, layout.asperityIds());
  }

  public FeatureSchema(FeatureConfig config, List<String> asperityIds) {
    this.config = Objects.requireNonNull(config, "config");
    this.asperityIds = List.copyOf(asperityIds);
    if (this.asperityIds.isEmpty()) {
      throw new IllegalArgumentException("at least one asperity is required");
    }
    List<String> n = new ArrayList<>();
    int[] windows = config.windowSamples();
    Group[] groups = Group.values();
    int a = this.asperityIds.size();

    groupWindow = new int[groups.length][windows.length][WINDOW_FEATURES.size()];
    for (Group g : groups) {
      for (int w = 0; w < windows.length; w++) {
        for (int f = 0; f < WINDOW_FEATURES.size(); f++) {
          WindowFeature wf = WINDOW_FEATURES.get(f);
          groupWindow[g.ordinal()][w][f] =
              add(
                  n,
                  name(
                      g.featureName(),
                      "w" + windows[w],
                      wf.statistic().featureName(),
                      wf.aggregation().featureName(),
                      wf.statistic().unit()));
        }
      }
    }
    String change = "w" + windows[0] + "MinusW" + windows[windows.length - 1];
    groupRateChange = new int[groups.length][2];
    groupDisplacementSinceOffset = new int[groups.length][2];
    groupStationsUsed = new int[groups.length];
    for (Group g : groups) {
      int i = g.ordinal();
      groupRateChange[i][0] =
          add(n, name(g.featureName(), "rateChangeTrenchNormal", change, "median", "mmPerYr"));
      groupRateChange[i][1] =
          add(n, name(g.featureName(), "rateChangeVertical", change, "median", "mmPerYr"));
      groupDisplacementSinceOffset[i][0] =
          add(n, name(g.featureName(), "displacementSinceOffsetTrenchNormal", "median", "mm"));
      groupDisplacementSinceOffset[i][1] =
          add(n, name(g.featureName(), "displacementSinceOffsetVertical", "median", "mm"));
      groupStationsUsed[i] = add(n, name(g.featureName(), "stationsUsed", "count"));
    }

    String tickChange = "t" + windows[0] + "MinusT" + windows[windows.length - 1];
    deficitSinceRelease = new int[a];
    timeSinceRelease = new int[a];
    lastReleaseSlip = new int[a];
    deficitRate = new int[a][windows.length];
    deficitRateChange = new int[a];
    slipOnSinceRelease = new int[a][a];
    for (int i = 0; i < a; i++) {
      String id = this.asperityIds.get(i);
      deficitSinceRelease[i] = add(n, name("asperity", id, "deficitSinceRelease", "m"));
      timeSinceRelease[i] = add(n, name("asperity", id, "timeSinceRelease", "days"));
      lastReleaseSlip[i] = add(n, name("asperity", id, "lastReleaseSlip", "m"));
      for (int w = 0; w < windows.length; w++) {
        deficitRate[i][w] = add(n, name("asperity", id, "deficitRate", "t" + windows[w], "mPerYr"));
      }
      deficitRateChange[i] =
          add(n, name("asperity", id, "deficitRateChange", tickChange, "mPerYr"));
      for (int j = 0; j < a; j++) {
        slipOnSinceRelease[i][j] =
            i == j
                ? -1
                : add(
                    n,
                    name("asperity", id, "slipOn", this.asperityIds.get(j), "sinceRelease", "m"));
      }
    }
    matrixDeficitRate = new int[windows.length];
    for (int w = 0; w < windows.length; w++) {
      matrixDeficitRate[w] = add(n, name("matrix", "deficitRate", "t" + windows[w], "mPerYr"));
    }
    networkTimeSinceLastEvent = add(n, "network.timeSinceLastEvent.days");
    networkLastEventInterval = add(n, "network.lastEventInterval.days");
    networkLastEventMwProxy = add(n, "network.lastEventMwProxy");
    networkLastEventStations = add(n, "network.lastEventStations.count");
    networkLastEventAsperities = add(n, "network.lastEventAsperities.count");
    qualityStationsUsed = add(n, "quality.stationsUsed.count");
    qualityImputedFraction = add(n, "quality.imputed.fraction");
    qualityWindowFill = new int[windows.length];
    for (int w = 0; w < windows.length; w++) {
      qualityWindowFill[w] =
          add(n, name("quality", "w" + windows[w], "windowFill", "mean", "fraction"));
    }

    this.names = Collections.unmodifiableList(n);
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < n.size(); i++) {
      if (idx.put(n.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate feature name " + n.get(i));
      }
    }
    this.index = Collections.unmodifiableMap(idx);
    this.canonical = canonicalString(config, n);
    this.hash = hashOf(canonical);
  }

  private static int add(List<String> names, String name) {
    names.add(name);
    return names.size() - 1;
  }

  private static String name(String... parts) {
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      if (p == null) {
        continue;
      }
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(p);
    }
    return b.toString();
  }

  /** The canonical text the hash is computed from (see class documentation). */
  public static String canonicalString(FeatureConfig config, List<String> names) {
    StringBuilder b = new StringBuilder();
    b.append("asperity-features schema v").append(VERSION).append('\n');
    b.append("config ").append(config.canonicalString()).append('\n');
    for (String name : names) {
      b.append(name).append('\n');
    }
    return b.toString();
  }

  /** SHA-256, lowercase hex, of {@code canonical} in UTF-8. */
  public static String hashOf(String canonical) {
    return HexFormat.of()
        .formatHex(FeatureConfig.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  /** Feature names in vector order. */
  public List<String> names() {
    return names;
  }

  public int size() {
    return names.size();
  }

  /** Position of {@code name}, or -1. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  public String canonicalString() {
    return canonical;
  }

  /**
   * The stable hash (lowercase hex SHA-256) recorded with a trained model and checked by the job.
   */
  public String hash() {
    return hash;
  }

  public FeatureConfig config() {
    return config;
  }

  public List<String> asperityIds() {
    return asperityIds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSchema && ((FeatureSchema) o).hash.equals(hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "FeatureSchema[" + names.size() + " features, " + hash.substring(0, 12) + "]";
  }
}
