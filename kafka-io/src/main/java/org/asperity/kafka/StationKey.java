package org.asperity.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.asperity.schemas.GnssObservation;

/**
 * The Kafka key of an observation: {@code network + "/" + station}, UTF-8. Keying by station keeps
 * each station's observations in order on one partition; the network prefix keeps equal station
 * codes of two networks apart.
 */
public record StationKey(String network, String station) {
  static final char SEPARATOR = '/';

  public StationKey {
    requirePart("network", network);
    requirePart("station", station);
  }

  public static StationKey of(GnssObservation observation) {
    return new StationKey(observation.getNetwork(), observation.getStation());
  }

  /**
   * Parses {@code network/station}; throws {@link IllegalArgumentException} saying what is wrong.
   */
  public static StationKey parse(String key) {
    if (key == null) {
      throw new IllegalArgumentException("no station key (null), expected network/station");
    }
    int slash = key.indexOf(SEPARATOR);
    if (slash < 0 || key.indexOf(SEPARATOR, slash + 1) >= 0) {
      throw new IllegalArgumentException(
          "station key '" + key + "' must be network/station with exactly one '/'");
    }
    return new StationKey(key.substring(0, slash), key.substring(slash + 1));
  }

  /** Parses the UTF-8 bytes of a Kafka key. */
  public static StationKey fromBytes(byte[] key) {
    if (key == null) {
      throw new IllegalArgumentException("no station key (null), expected network/station");
    }
    try {
      return parse(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(key))
              .toString());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("station key of " + key.length + " bytes is not UTF-8", e);
    }
  }

  public String format() {
    return network + SEPARATOR + station;
  }

  public byte[] toBytes() {
    return format().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return format();
  }

  private static void requirePart(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("station key needs a " + what);
    }
    if (value.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException(
          what + " '" + value + "' must not contain '/', the key's separator");
    }
  }
}
