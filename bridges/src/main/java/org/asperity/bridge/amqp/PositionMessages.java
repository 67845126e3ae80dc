package org.asperity.bridge.amqp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;

/**
 * Reads the real-time GNSS position messages GFAST (the GNSS component of ShakeAlert) consumes, one
 * message per station and epoch, in either of their two forms:
 *
 * <ul>
 *   <li><b>GeoJSON</b>, as Earthworm's {@code geojson2ew} module (ISTI and the Berkeley
 *       Seismological Laboratory) takes them from RabbitMQ for GFAST: a {@code FeatureCollection}
 *       whose {@code properties} carry {@code SNCL}, {@code time} (ms since 1970) and {@code
 *       sampleRate}, and whose {@code features[*]} carry the solution, the feature with {@code
 *       properties.coordinateType} {@code NEU} holding {@code geometry.coordinates} [north, east,
 *       up] in metres and {@code properties.EError}, {@code NError}, {@code UError} (its sample
 *       configuration {@code geojson2ew.d}: {@code MAP_SNCL properties.SNCL}, {@code MAP_TIME
 *       properties.time}, {@code MAP_CHAN N features[*].geometry.coordinates[0] ...
 *       properties.coordinateType=NEU}, {@code MAP_CHAN 1 features[*].properties.EError}). A single
 *       {@code Feature} with the same properties is read the same way.
 *   <li><b>Compact</b>, as in GFAST's own subscriber test program: {@code {"time": 1675483870000,
 *       "Q": 190900, "type": "ENU", "SNCL": "P373.PW.LY_.00", "coor": [0.045, 0.018, 0.083], "err":
 *       [0.017, 0.016, 0.034], "rate": 1}}, time in ms, positions and errors in metres.
 * </ul>
 *
 * Coordinates may be given {@code ENU} or {@code NEU} (the order of the three values); anything
 * else (geodetic or Earth-centred positions) is not a displacement and is refused. The SNCL is
 * {@code STATION.NETWORK[.CHANNEL[.LOCATION]]}: station and network become the observation's, the
 * channel and location name the solution stream and are not kept. Quality and sample rate are not
 * kept either: the job aggregates any rate itself. A message that is not a position is never
 * guessed at: it is a {@link Rejected} with its {@link Rejection} and a detail naming the field.
 */
public final class PositionMessages {
  /** Station codes up to IGS long names (9), network codes up to 8, as the job accepts them. */
  static final int MAX_STATION_CHARS = 9;

  static final int MAX_NETWORK_CHARS = 8;

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]+");

  /** The last millisecond of year 9999. */
  private static final long MAX_TIME_MILLIS = 253_402_300_799_999L;

  // NaN and Infinity are read so that they can be refused for what they are (NOT_FINITE) rather
  // than as broken JSON: Python's json module writes them by default.
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /** What one message gave. */
  public sealed interface Parsed permits Position, Rejected {}

  /** A position, as the observation to write. */
  public record Position(GnssObservation observation) implements Parsed {}

  /**
   * A message that is not a position.
   *
   * @param stationKey {@code network/station} when the SNCL could be read, else null
   */
  public record Rejected(Rejection reason, String detail, String stationKey) implements Parsed {}

  private final int maxMessageBytes;
  private final String network;

  /**
   * @param maxMessageBytes larger messages are refused unread ({@link Rejection#TOO_LARGE})
   * @param network the network every station is put in (the job's region), or null to take the
   *     SNCL's network code
   */
  public PositionMessages(int maxMessageBytes, String network) {
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("the message size limit must be positive");
    }
    if (network != null && !validCode(network, MAX_NETWORK_CHARS)) {
      throw new IllegalArgumentException(
          "network '"
              + network
              + "' must be 1 to "
              + MAX_NETWORK_CHARS
              + " ASCII letters, digits, '-' or '_'");
    }
    this.maxMessageBytes = maxMessageBytes;
    this.network = network;
  }

  /** Reads one message body. Never throws on bad input. */
  public Parsed parse(byte[] body) {
    Objects.requireNonNull(body, "body");
    if (body.length > maxMessageBytes) {
      return new Rejected(
          Rejection.TOO_LARGE,
          "message of " + body.length + " bytes, the limit is " + maxMessageBytes,
          null);
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      return new Rejected(Rejection.NOT_JSON, "not JSON: " + e.getOriginalMessage(), null);
    } catch (IOException e) {
      return new Rejected(Rejection.NOT_JSON, "not JSON: " + e.getMessage(), null);
    }
    Reading reading = new Reading();
    try {
      return new Position(reading.position(root));
    } catch (Refused r) {
      return new Rejected(r.reason, r.getMessage(), reading.stationKey);
    }
  }

  /** The state of reading one message: the station key once known, for the dead letter. */
  private final class Reading {
    String stationKey;

    GnssObservation position(JsonNode root) throws Refused {
      if (root == null || !root.isObject()) {
        throw new Refused(
            Rejection.NOT_A_POSITION,
            "the message is " + (root == null ? "empty" : kind(root)) + ", not a JSON object");
      }
      String type = root.path("type").isTextual() ? root.get("type").asText() : null;
      if ("FeatureCollection".equals(type)) {
        JsonNode properties = object(root, "properties", "properties");
        JsonNode features = required(root, "features", "features");
        if (!features.isArray()) {
          throw wrongType("features", features, "an array of GeoJSON features");
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
          JsonNode feature = features.get(i);
          String coordinateType = feature.path("properties").path("coordinateType").asText(null);
          if ("ENU".equals(coordinateType) || "NEU".equals(coordinateType)) {
            return fromFeature(properties, "properties", feature, "features[" + i + "]");
          }
          seen.add(coordinateType);
        }
        throw new Refused(
            Rejection.NOT_A_POSITION,
            "no feature with properties.coordinateType ENU or NEU among "
                + features.size()
                + " (found "
                + seen
                + ")");
      }
      if ("Feature".equals(type)) {
        JsonNode properties = object(root, "properties", "properties");
        return fromFeature(properties, "properties", root, "");
      }
      if (root.has("SNCL") && root.has("coor")) {
        return fromCompact(root);
      }
      throw new Refused(
          Rejection.NOT_A_POSITION,
          "neither a GeoJSON FeatureCollection or Feature nor a compact position (SNCL, time, type,"
              + " coor, err)"
              + (type == null ? "" : "; type is '" + type + "'"));
    }

    private GnssObservation fromFeature(
        JsonNode header, String headerPath, JsonNode feature, String featurePath) throws Refused {
      String prefix = featurePath.isEmpty() ? "" : featurePath + ".";
      String[] sncl = sncl(text(header, "SNCL", headerPath + ".SNCL"));
      long epochMicros = epochMicros(header, headerPath + ".time");
      JsonNode properties = object(feature, "properties", prefix + "properties");
      String coordinateType =
          text(properties, "coordinateType", prefix + "properties.coordinateType");
      double[] coordinates =
          triple(
              required(
                  object(feature, "geometry", prefix + "geometry"),
                  "coordinates",
                  prefix + "geometry.coordinates"),
              prefix + "geometry.coordinates");
      double[] enu = toEnu(coordinateType, coordinates, prefix + "properties.coordinateType");
      double[] sigmas = {
        number(properties, "EError", prefix + "properties.EError"),
        number(properties, "NError", prefix + "properties.NError"),
        number(properties, "UError", prefix + "properties.UError")
      };
      String[] sigmaNames = {
        prefix + "properties.EError", prefix + "properties.NError", prefix + "properties.UError"
      };
      return observation(sncl, epochMicros, enu, sigmas, sigmaNames);
    }

    private GnssObservation fromCompact(JsonNode root) throws Refused {
      String[] sncl = sncl(text(root, "SNCL", "SNCL"));
      long epochMicros = epochMicros(root, "time");
      String coordinateType = text(root, "type", "type");
      double[] enu = toEnu(coordinateType, triple(required(root, "coor", "coor"), "coor"), "type");
      double[] sigmas = toEnu(coordinateType, triple(required(root, "err", "err"), "err"), "type");
      String order = coordinateType.equals("ENU") ? "012" : "102";
      String[] sigmaNames = new String[3];
      for (int i = 0; i < 3; i++) {
        sigmaNames[i] = "err[" + order.charAt(i) + "]";
      }
      return observation(sncl, epochMicros, enu, sigmas, sigmaNames);
    }

    private GnssObservation observation(
        String[] sncl, long epochMicros, double[] enu, double[] sigmas, String[] sigmaNames)
        throws Refused {
      for (int i = 0; i < 3; i++) {
        if (!(sigmas[i] > 0)) {
          throw new Refused(
              Rejection.NON_POSITIVE_SIGMA, sigmaNames[i] + " is " + sigmas[i] + ", must be > 0");
        }
      }
      return GnssObservation.newBuilder()
          .setStation(sncl[0])
          .setNetwork(sncl[1])
          .setEpoch(
              Instant.ofEpochSecond(
                  Math.floorDiv(epochMicros, 1_000_000L),
                  Math.floorMod(epochMicros, 1_000_000L) * 1000L))
          .setEastMeters(enu[0])
          .setNorthMeters(enu[1])
          .setUpMeters(enu[2])
          .setSigmaEastMeters(sigmas[0])
          .setSigmaNorthMeters(sigmas[1])
          .setSigmaUpMeters(sigmas[2])
          .setSource(ObservationSource.REALTIME)
          .setLatitudeDegrees(null)
          .setLongitudeDegrees(null)
          .build();
    }

    /** Station and network of an SNCL {@code STA.NET[.CHA[.LOC]]}; sets the station key. */
    private String[] sncl(String sncl) throws Refused {
      String[] parts = sncl.split("\\.", -1);
      if (parts.length < 2 || parts.length > 4) {
        throw new Refused(
            Rejection.BAD_SNCL, "SNCL '" + sncl + "' is not STATION.NETWORK[.CHANNEL[.LOCATION]]");
      }
      if (!validCode(parts[0], MAX_STATION_CHARS)) {
        throw new Refused(
            Rejection.BAD_SNCL,
            "station '"
                + parts[0]
                + "' of SNCL '"
                + sncl
                + "' is not 1 to "
                + MAX_STATION_CHARS
                + " ASCII letters, digits, '-' or '_'");
      }
      String net = network != null ? network : parts[1];
      if (!validCode(net, MAX_NETWORK_CHARS)) {
        throw new Refused(
            Rejection.BAD_SNCL,
            "network '"
                + parts[1]
                + "' of SNCL '"
                + sncl
                + "' is not 1 to "
                + MAX_NETWORK_CHARS
                + " ASCII letters, digits, '-' or '_'");
      }
      stationKey = net + "/" + parts[0];
      return new String[] {parts[0], net};
    }
  }

  /** µs since 1970 of a time in ms (an integer, or a decimal to sub-ms precision). */
  private static long epochMicros(JsonNode parent, String path) throws Refused {
    String field = path.substring(path.lastIndexOf('.') + 1);
    JsonNode time = required(parent, field, path);
    if (!time.isNumber()) {
      throw wrongType(path, time, "a number (ms since 1970-01-01T00:00:00Z)");
    }
    double millis = time.doubleValue();
    if (!Double.isFinite(millis)) {
      throw new Refused(Rejection.NOT_FINITE, path + " is " + millis);
    }
    if (time.isIntegralNumber() && !time.canConvertToLong()) {
      throw new Refused(Rejection.BAD_TIME, path + " " + time + " ms is past year 9999");
    }
    if (millis < 0 || millis > MAX_TIME_MILLIS) {
      throw new Refused(
          Rejection.BAD_TIME,
          path + " " + time + " ms is " + (millis < 0 ? "before 1970" : "past year 9999"));
    }
    return time.isIntegralNumber() ? time.longValue() * 1000L : Math.round(millis * 1000.0);
  }

  /** The values in east, north, up order. */
  private static double[] toEnu(String coordinateType, double[] values, String typePath)
      throws Refused {
    return switch (coordinateType) {
      case "ENU" -> values;
      case "NEU" -> new double[] {values[1], values[0], values[2]};
      default ->
          throw new Refused(
              Rejection.NOT_A_POSITION,
              typePath
                  + " is '"
                  + coordinateType
                  + "': only local displacements ENU or NEU are positions here");
    };
  }

  /** The first three values of an array of numbers, each finite. */
  private static double[] triple(JsonNode array, String path) throws Refused {
    if (!array.isArray()) {
      throw wrongType(path, array, "an array of 3 numbers (m)");
    }
    if (array.size() < 3) {
      throw new Refused(
          Rejection.MISSING_FIELD, path + " has " + array.size() + " values, 3 are needed");
    }
    double[] values = new double[3];
    for (int i = 0; i < 3; i++) {
      values[i] = finite(array.get(i), path + "[" + i + "]");
    }
    return values;
  }

  private static double number(JsonNode parent, String field, String path) throws Refused {
    return finite(required(parent, field, path), path);
  }

  private static double finite(JsonNode node, String path) throws Refused {
    if (node.isNull()) {
      throw new Refused(Rejection.MISSING_FIELD, path + " is null");
    }
    if (!node.isNumber()) {
      throw wrongType(path, node, "a number (m)");
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw new Refused(Rejection.NOT_FINITE, path + " is " + value);
    }
    return value;
  }

  private static String text(JsonNode parent, String field, String path) throws Refused {
    JsonNode node = required(parent, field, path);
    if (!node.isTextual()) {
      throw wrongType(path, node, "a string");
    }
    return node.asText();
  }

  private static JsonNode object(JsonNode parent, String field, String path) throws Refused {
    JsonNode node = required(parent, field, path);
    if (!node.isObject()) {
      throw wrongType(path, node, "an object");
    }
    return node;
  }

  private static JsonNode required(JsonNode parent, String field, String path) throws Refused {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw new Refused(Rejection.MISSING_FIELD, "no " + path);
    }
    return node;
  }

  private static Refused wrongType(String path, JsonNode node, String expected) {
    String shown = node.toString();
    if (shown.length() > 40) {
      shown = shown.substring(0, 40) + "...";
    }
    return new Refused(
        Rejection.WRONG_TYPE, path + " is " + kind(node) + " " + shown + ", expected " + expected);
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  static boolean validCode(String code, int maxChars) {
    return code != null
        && !code.isEmpty()
        && code.length() <= maxChars
        && CODE.matcher(code).matches();
  }

  /** A refusal while reading; carries no stack trace, it is an answer, not a failure. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final Rejection reason;

    Refused(Rejection reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }
}
