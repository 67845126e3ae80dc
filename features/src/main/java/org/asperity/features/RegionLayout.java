package org.asperity.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the features need to know about a region (a GNSS network over one megathrust): the
 * ordered stations with their positions, coastal flag, distance to the trench and nominal sigmas;
 * the trench-normal azimuth; the asperities; and the Green's functions of the inversions. Built by
 * the trainer from the simulator's model, stored as JSON ({@link #toJson()}) in the ONNX model's
 * metadata and loaded by the job ({@link #fromJson(String)}). Immutable.
 *
 * <p>Green's function matrices have 3&middot;stations rows, station-major in layout order, each
 * station's rows being east, north, up (m per m):
 *
 * <ul>
 *   <li>{@code deficitBasis}: asperities + 1 columns: the surface displacement per metre of slip
 *       deficit (back-slip, so positive deficit moves the coast landward) on each asperity in
 *       layout order, then on the partly coupled matrix (the rest of the interface).
 *   <li>{@code coseismicBasis}: one column per asperity: the surface displacement per metre of
 *       coseismic (thrust) slip on it.
 * </ul>
 *
 * The inversion operators are derived from these deterministically at load, so both sides compute
 * them with the same code and obtain identical bits.
 */
public final class RegionLayout {
  static final int FORMAT_VERSION = 1;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  // Strict: every field present and non-null, no strings or nulls standing in for numbers.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /**
   * One station.
   *
   * @param code station code, unique in the region
   * @param eastKm east coordinate in the region frame, km
   * @param northKm north coordinate in the region frame, km
   * @param coastal whether the station belongs to the coastal line
   * @param trenchDistanceKm horizontal distance to the trench, km
   * @param sigmaEastMeters nominal one-sigma of east, m (inversion weight)
   * @param sigmaNorthMeters nominal one-sigma of north, m
   * @param sigmaUpMeters nominal one-sigma of up, m
   */
  public record Station(
      String code,
      double eastKm,
      double northKm,
      boolean coastal,
      double trenchDistanceKm,
      double sigmaEastMeters,
      double sigmaNorthMeters,
      double sigmaUpMeters) {
    public Station {
      Objects.requireNonNull(code, "code");
      if (code.isEmpty()) {
        throw new IllegalArgumentException("empty station code");
      }
      requireFinite("eastKm", eastKm);
      requireFinite("northKm", northKm);
      requireFinite("trenchDistanceKm", trenchDistanceKm);
      requirePositive("sigmaEastMeters", sigmaEastMeters);
      requirePositive("sigmaNorthMeters", sigmaNorthMeters);
      requirePositive("sigmaUpMeters", sigmaUpMeters);
    }
  }

  /**
   * One asperity.
   *
   * @param id identifier used in feature names ({@code [A-Za-z0-9_-]{1,64}})
   * @param areaKm2 fault area, km&sup2; (moment-magnitude proxy)
   */
  public record Asperity(String id, double areaKm2) {
    public Asperity {
      Objects.requireNonNull(id, "id");
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("asperity id must match " + ID + ": " + id);
      }
      requirePositive("areaKm2", areaKm2);
    }
  }

  private final String region;
  private final double trenchNormalAzimuthDeg;
  private final List<Station> stations;
  private final List<Asperity> asperities;
  private final double[][] deficitBasis;
  private final double[][] coseismicBasis;
  private final Map<String, Integer> stationIndex;
  private final String layoutHash;

  /**
   * @param region region (network) name
   * @param trenchNormalAzimuthDeg azimuth of the landward trench-normal, degrees clockwise from
   *     north
   * @param stations stations in model order
   * @param asperities asperities in model order
   * @param deficitBasis [3&middot;stations][asperities + 1], see class documentation
   * @param coseismicBasis [3&middot;stations][asperities]
   */
  public RegionLayout(
      String region,
      double trenchNormalAzimuthDeg,
      List<Station> stations,
      List<Asperity> asperities,
      double[][] deficitBasis,
      double[][] coseismicBasis) {
    this.region = Objects.requireNonNull(region, "region");
    requireFinite("trenchNormalAzimuthDeg", trenchNormalAzimuthDeg);
    this.trenchNormalAzimuthDeg = trenchNormalAzimuthDeg;
    this.stations = List.copyOf(stations);
    this.asperities = List.copyOf(asperities);
    if (this.stations.isEmpty() || this.asperities.isEmpty()) {
      throw new IllegalArgumentException("a layout needs at least one station and one asperity");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < this.stations.size(); i++) {
      if (index.put(this.stations.get(i).code(), i) != null) {
        throw new IllegalArgumentException("duplicate station code " + this.stations.get(i).code());
      }
    }
    this.stationIndex = Collections.unmodifiableMap(index);
    List<String> ids = new ArrayList<>();
    for (Asperity a : this.asperities) {
      if (ids.contains(a.id())) {
        throw new IllegalArgumentException("duplicate asperity id " + a.id());
      }
      ids.add(a.id());
    }
    int rows = 3 * this.stations.size();
    this.deficitBasis = copyMatrix("deficitBasis", deficitBasis, rows, this.asperities.size() + 1);
    this.coseismicBasis =
        copyMatrix("coseismicBasis", coseismicBasis, rows, this.asperities.size());
    this.layoutHash = computeHash();
  }

  private static double[][] copyMatrix(String name, double[][] m, int rows, int columns) {
    if (m == null || m.length != rows) {
      throw new IllegalArgumentException(
          name + " has " + (m == null ? 0 : m.length) + " rows, expected " + rows);
    }
    double[][] copy = new double[rows][];
    for (int r = 0; r < rows; r++) {
      if (m[r] == null || m[r].length != columns) {
        throw new IllegalArgumentException(
            name
                + " row "
                + r
                + " has "
                + (m[r] == null ? 0 : m[r].length)
                + " columns, expected "
                + columns);
      }
      for (double v : m[r]) {
        requireFinite(name, v);
      }
      copy[r] = m[r].clone();
    }
    return copy;
  }

  private static void requireFinite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite: " + v);
    }
  }

  private static void requirePositive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and > 0: " + v);
    }
  }

  public String region() {
    return region;
  }

  public double trenchNormalAzimuthDeg() {
    return trenchNormalAzimuthDeg;
  }

  public List<Station> stations() {
    return stations;
  }

  public int stationCount() {
    return stations.size();
  }

  public List<Asperity> asperities() {
    return asperities;
  }

  public int asperityCount() {
    return asperities.size();
  }

  /** Asperity ids in layout order. */
  public List<String> asperityIds() {
    List<String> ids = new ArrayList<>(asperities.size());
    for (Asperity a : asperities) {
      ids.add(a.id());
    }
    return ids;
  }

  /** Index of {@code stationCode} in layout order, or -1 when the station is not in this layout. */
  public int stationIndex(String stationCode) {
    Integer i = stationIndex.get(stationCode);
    return i == null ? -1 : i;
  }

  public boolean contains(String stationCode) {
    return stationIndex.containsKey(stationCode);
  }

  /** Copy of the deficit basis [3&middot;stations][asperities + 1]. */
  public double[][] deficitBasis() {
    return deepCopy(deficitBasis);
  }

  /** Copy of the coseismic basis [3&middot;stations][asperities]. */
  public double[][] coseismicBasis() {
    return deepCopy(coseismicBasis);
  }

  /** One sigma per basis row (east, north, up of each station), m. */
  public double[] rowSigmasMeters() {
    double[] sigmas = new double[3 * stations.size()];
    for (int i = 0; i < stations.size(); i++) {
      Station s = stations.get(i);
      sigmas[3 * i] = s.sigmaEastMeters();
      sigmas[3 * i + 1] = s.sigmaNorthMeters();
      sigmas[3 * i + 2] = s.sigmaUpMeters();
    }
    return sigmas;
  }

  /** A fresh per-station state for station {@code stationCode} of this layout. */
  public StationFeatureState newStationState(String stationCode, FeatureConfig config) {
    if (!contains(stationCode)) {
      throw new IllegalArgumentException("station " + stationCode + " is not in layout " + region);
    }
    return new StationFeatureState(stationCode, config, trenchNormalAzimuthDeg);
  }

  private static double[][] deepCopy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  /**
   * SHA-256 (lowercase hex) of a canonical binary encoding of every field (doubles by their exact
   * bits), so it does not depend on JSON formatting and changes with any value.
   */
  public String layoutHash() {
    return layoutHash;
  }

  private String computeHash() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF("asperity-region-layout v" + FORMAT_VERSION);
      out.writeUTF(region);
      out.writeDouble(trenchNormalAzimuthDeg);
      out.writeInt(stations.size());
      for (Station s : stations) {
        out.writeUTF(s.code());
        out.writeDouble(s.eastKm());
        out.writeDouble(s.northKm());
        out.writeBoolean(s.coastal());
        out.writeDouble(s.trenchDistanceKm());
        out.writeDouble(s.sigmaEastMeters());
        out.writeDouble(s.sigmaNorthMeters());
        out.writeDouble(s.sigmaUpMeters());
      }
      out.writeInt(asperities.size());
      for (Asperity a : asperities) {
        out.writeUTF(a.id());
        out.writeDouble(a.areaKm2());
      }
      for (double[][] m : new double[][][] {deficitBasis, coseismicBasis}) {
        out.writeInt(m.length);
        out.writeInt(m[0].length);
        for (double[] row : m) {
          for (double v : row) {
            out.writeDouble(v);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(FeatureConfig.sha256(bytes.toByteArray()));
  }

  /**
   * The JSON form of a layout. Property order is the component order, which is also the order of
   * the layouts already embedded in released models.
   */
  record Json(
      int formatVersion,
      String region,
      double trenchNormalAzimuthDeg,
      List<Station> stations,
      List<Asperity> asperities,
      double[][] deficitBasis,
      double[][] coseismicBasis) {}

  /** JSON text of this layout; {@link #fromJson} restores it exactly (doubles round-trip). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(
          new Json(
              FORMAT_VERSION,
              region,
              trenchNormalAzimuthDeg,
              stations,
              asperities,
              deficitBasis,
              coseismicBasis));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write layout JSON", e);
    }
  }

  /**
   * Parses {@link #toJson()} output.
   *
   * @throws IllegalArgumentException on malformed JSON, a missing field or invalid values
   */
  public static RegionLayout fromJson(String json) {
    Json parsed;
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("layout JSON must be an object");
      }
      // The version first, so a layout of another format is named as such.
      JsonNode version = root.get("formatVersion");
      if (version == null || version.asInt(-1) != FORMAT_VERSION) {
        throw new IllegalArgumentException("unsupported layout formatVersion " + version);
      }
      parsed = JSON.treeToValue(root, Json.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException invalid) {
        throw invalid;
      }
      throw new IllegalArgumentException("invalid layout JSON: " + e.getOriginalMessage(), e);
    }
    return new RegionLayout(
        parsed.region(),
        parsed.trenchNormalAzimuthDeg(),
        parsed.stations(),
        parsed.asperities(),
        parsed.deficitBasis(),
        parsed.coseismicBasis());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegionLayout && ((RegionLayout) o).layoutHash.equals(layoutHash);
  }

  @Override
  public int hashCode() {
    return layoutHash.hashCode();
  }

  @Override
  public String toString() {
    return "RegionLayout["
        + region
        + ", "
        + stations.size()
        + " stations, "
        + asperities.size()
        + " asperities, "
        + layoutHash.substring(0, 12)
        + "]";
  }
}
