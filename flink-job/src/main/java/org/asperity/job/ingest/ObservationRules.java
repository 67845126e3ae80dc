package org.asperity.job.ingest;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.asperity.job.types.Micros;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;

/**
 * The <b>validate</b> rules for one decoded observation, pure: a registrable station (network and
 * station codes in the code charset below), an epoch within the sane range, finite numbers,
 * positive sigmas, and plausible magnitudes (displacements and sigmas below their bounds,
 * coordinates on the globe). The first rule broken names the dead-letter reason. The source's
 * timestamp assigner and the validate operator apply the same rules, so both see the same records
 * as time-bearing.
 *
 * <p><b>Code charset.</b> Network and station codes are ASCII letters, digits, {@code -}, {@code _}
 * and {@code .}, a network 1 to {@value #MAX_NETWORK_CODE_LENGTH} characters (the FDSN source
 * identifier's network code) and a station 1 to {@value #MAX_STATION_CODE_LENGTH} (IGS long station
 * names such as {@code ALGO00CAN}; FDSN station codes have at most 8). A code names a region that
 * can raise public alerts, so nothing may look like a real one without being it: a zero-width space
 * or a Cyrillic letter in a code is refused, not normalised, and the detail names the character as
 * U+XXXX.
 */
public final class ObservationRules implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int MAX_NETWORK_CODE_LENGTH = 8;
  static final int MAX_STATION_CODE_LENGTH = 9;

  /**
   * The epoch range as instants: an epoch is compared as decoded, since converting an extreme one
   * to µs would overflow (an epoch near the ends of the long range decodes to a valid instant).
   */
  private final Instant minEpoch;

  private final Instant maxEpoch;
  private final double maxDisplacementMeters;
  private final double maxSigmaMeters;

  /**
   * @param minEpochMicros earliest accepted epoch (inclusive), µs since 1970
   * @param maxEpochMicros latest accepted epoch (exclusive), µs since 1970
   * @param maxDisplacementMeters largest accepted |east|, |north|, |up|, m
   * @param maxSigmaMeters largest accepted sigma, m
   */
  public ObservationRules(
      long minEpochMicros,
      long maxEpochMicros,
      double maxDisplacementMeters,
      double maxSigmaMeters) {
    if (minEpochMicros >= maxEpochMicros) {
      throw new IllegalArgumentException("the epoch range is empty");
    }
    if (!(maxDisplacementMeters > 0) || !(maxSigmaMeters > 0)) {
      throw new IllegalArgumentException("plausibility bounds must be positive");
    }
    this.minEpoch = Micros.toInstant(minEpochMicros);
    this.maxEpoch = Micros.toInstant(maxEpochMicros);
    this.maxDisplacementMeters = maxDisplacementMeters;
    this.maxSigmaMeters = maxSigmaMeters;
  }

  /** A broken rule: the dead-letter reason and what was wrong. */
  public record Violation(DeadLetterReason reason, String detail) {}

  /** The first rule {@code o} breaks, or null when it passes. */
  public Violation check(GnssObservation o) {
    String codeProblem = codeProblem("network", o.getNetwork(), MAX_NETWORK_CODE_LENGTH);
    if (codeProblem == null) {
      codeProblem = codeProblem("station", o.getStation(), MAX_STATION_CODE_LENGTH);
    }
    if (codeProblem != null) {
      return new Violation(DeadLetterReason.UNKNOWN_STATION, codeProblem);
    }
    Instant epoch = o.getEpoch();
    if (epoch == null || epoch.isBefore(minEpoch) || !epoch.isBefore(maxEpoch)) {
      return new Violation(
          DeadLetterReason.BAD_TIMESTAMP,
          "epoch " + epoch + " outside [" + minEpoch + ", " + maxEpoch + ")");
    }
    double[] values = {
      o.getEastMeters(),
      o.getNorthMeters(),
      o.getUpMeters(),
      o.getSigmaEastMeters(),
      o.getSigmaNorthMeters(),
      o.getSigmaUpMeters()
    };
    String[] names = {
      "eastMeters",
      "northMeters",
      "upMeters",
      "sigmaEastMeters",
      "sigmaNorthMeters",
      "sigmaUpMeters"
    };
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return new Violation(DeadLetterReason.NOT_FINITE, names[i] + " is " + values[i]);
      }
    }
    Double latitude = o.getLatitudeDegrees();
    Double longitude = o.getLongitudeDegrees();
    if (latitude != null && !Double.isFinite(latitude)) {
      return new Violation(DeadLetterReason.NOT_FINITE, "latitudeDegrees is " + latitude);
    }
    if (longitude != null && !Double.isFinite(longitude)) {
      return new Violation(DeadLetterReason.NOT_FINITE, "longitudeDegrees is " + longitude);
    }
    for (int i = 3; i < 6; i++) {
      if (values[i] <= 0) {
        return new Violation(
            DeadLetterReason.NON_POSITIVE_SIGMA, names[i] + " is " + values[i] + ", must be > 0");
      }
    }
    for (int i = 0; i < 3; i++) {
      if (Math.abs(values[i]) > maxDisplacementMeters) {
        return new Violation(
            DeadLetterReason.IMPLAUSIBLE_VALUE,
            String.format(
                Locale.ROOT,
                "%s is %s, beyond the plausible %s m",
                names[i],
                values[i],
                maxDisplacementMeters));
      }
    }
    for (int i = 3; i < 6; i++) {
      if (values[i] > maxSigmaMeters) {
        return new Violation(
            DeadLetterReason.IMPLAUSIBLE_VALUE,
            String.format(
                Locale.ROOT,
                "%s is %s, beyond the plausible %s m",
                names[i],
                values[i],
                maxSigmaMeters));
      }
    }
    if (latitude != null && Math.abs(latitude) > 90) {
      return new Violation(
          DeadLetterReason.IMPLAUSIBLE_VALUE, "latitudeDegrees " + latitude + " is off the globe");
    }
    if (longitude != null && Math.abs(longitude) > 180) {
      return new Violation(
          DeadLetterReason.IMPLAUSIBLE_VALUE,
          "longitudeDegrees " + longitude + " is off the globe");
    }
    return null;
  }

  /** What is wrong with {@code code} under the code charset, or null when nothing is. */
  static String codeProblem(String what, String code, int maxLength) {
    if (code == null || code.isEmpty()) {
      return what + " code is empty";
    }
    int length = code.codePointCount(0, code.length());
    if (length > maxLength) {
      return what + " code has " + length + " characters, at most " + maxLength + " are allowed";
    }
    for (int i = 0; i < code.length(); ) {
      int c = code.codePointAt(i);
      if (!isCodeCharacter(c)) {
        return String.format(
            Locale.ROOT,
            "%s code '%s' contains U+%04X at character %d: only ASCII letters, digits, '-', '_'"
                + " and '.' are allowed",
            what,
            printable(code),
            c,
            code.codePointCount(0, i) + 1);
      }
      i += Character.charCount(c);
    }
    return null;
  }

  static boolean isCodeCharacter(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.';
  }

  /** {@code s} with every character outside printable ASCII escaped, so a detail shows it. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      }
    }
    return b.toString();
  }

  /**
   * Why {@code key} is not the Kafka key of {@code o} ({@code network/station}, UTF-8), or null if
   * it is (after {@link #check} passed: the codes are then well-formed). Keying by station is what
   * keeps a station's records in order on one partition, and what lets a partition's stations
   * outvote one of them that jumps in time: a record keyed otherwise (a null key spread
   * round-robin, or one station's records on every partition) could arrive on a partition where no
   * other station can contradict it.
   */
  public static Violation checkKey(byte[] key, GnssObservation o) {
    if (isKeyOf(key, o.getNetwork(), o.getStation())) {
      return null;
    }
    String station = o.getNetwork() + '/' + o.getStation();
    String got =
        key == null
            ? "no key"
            : key.length > 64
                ? "a key of " + key.length + " bytes"
                : "key '" + new String(key, StandardCharsets.UTF_8) + "'";
    return new Violation(
        DeadLetterReason.WRONG_KEY,
        "observations of " + station + " must be keyed by it (network/station, UTF-8), got " + got);
  }

  /**
   * Whether {@code key} is {@code network/station} in UTF-8, compared in place: once {@link #check}
   * passed, the codes are ASCII, whose UTF-8 bytes are their chars (every record takes this path,
   * so it allocates nothing).
   */
  private static boolean isKeyOf(byte[] key, String network, String station) {
    int n = network.length();
    if (key == null || key.length != n + 1 + station.length() || key[n] != '/') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (key[i] != (byte) network.charAt(i)) {
        return false;
      }
    }
    for (int i = 0; i < station.length(); i++) {
      if (key[n + 1 + i] != (byte) station.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
