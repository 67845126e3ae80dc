package org.asperity.job.ingest;

import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import org.asperity.job.types.Micros;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;

/**
 * The <b>validate</b> rules for one decoded observation, pure: a registrable station (network and
 * station codes non-blank, at most {@value #MAX_CODE_LENGTH} printable characters without '/' or
 * whitespace), an epoch within the sane range, finite numbers, positive sigmas, and plausible
 * magnitudes (displacements and sigmas below their bounds, coordinates on the globe). The first
 * rule broken names the dead-letter reason. The source's timestamp assigner and the validate
 * operator apply the same rules, so both see the same records as time-bearing.
 */
public final class ObservationRules implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int MAX_CODE_LENGTH = 64;

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
    String codeProblem = codeProblem("network", o.getNetwork());
    if (codeProblem == null) {
      codeProblem = codeProblem("station", o.getStation());
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

  private static String codeProblem(String what, String code) {
    if (code == null || code.isBlank()) {
      return what + " code is blank";
    }
    if (code.length() > MAX_CODE_LENGTH) {
      return what
          + " code has "
          + code.length()
          + " characters, at most "
          + MAX_CODE_LENGTH
          + " are allowed";
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '/' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return what
            + " code '"
            + printable(code)
            + "' contains '/', whitespace or a control character";
      }
    }
    return null;
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }
}
