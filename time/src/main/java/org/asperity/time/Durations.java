package org.asperity.time;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every command and of the job: a non-negative decimal number and a
 * unit ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}, {@code y} for Julian years of
 * 365.25 d), e.g. {@code 250ms}, {@code 90s}, {@code 1.5d}, {@code 2y}; or ISO-8601 such as {@code
 * PT1M30S}. Amounts are rounded to the millisecond.
 */
public final class Durations {
  private Durations() {}

  /** What {@code --help} says a duration looks like. */
  public static final String GRAMMAR =
      "a number and a unit (ms, s, m, h, d, y = 365.25 d), e.g. 250ms, 90s, 5m, 1.5d, 2y, or ISO-8601 PT1M30S";

  private static final Pattern NUMBER_AND_UNIT =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d|y)");

  /**
   * Reads a duration.
   *
   * @throws IllegalArgumentException naming the grammar when the text is not a duration or is too
   *     long to represent
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no duration given: use " + GRAMMAR);
    }
    String stripped = text.strip();
    Matcher m = NUMBER_AND_UNIT.matcher(stripped.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      double millis =
          amount
              * switch (m.group(2)) {
                case "ms" -> 1.0;
                case "s" -> TimeUnits.MILLIS_PER_SECOND;
                case "m" -> TimeUnits.SECONDS_PER_MINUTE * TimeUnits.MILLIS_PER_SECOND;
                case "h" -> TimeUnits.SECONDS_PER_HOUR * TimeUnits.MILLIS_PER_SECOND;
                case "d" -> TimeUnits.MILLIS_PER_DAY;
                default -> TimeUnits.DAYS_PER_YEAR * TimeUnits.MILLIS_PER_DAY;
              };
      if (!(millis < Long.MAX_VALUE)) {
        throw new IllegalArgumentException("'" + text + "' is too long a duration");
      }
      return Duration.ofMillis(Math.round(millis));
    }
    try {
      Duration iso = Duration.parse(stripped.toUpperCase(Locale.ROOT));
      if (iso.isNegative()) {
        throw new IllegalArgumentException("'" + text + "' is negative: use " + GRAMMAR);
      }
      return iso;
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage().contains("negative")) {
        throw iae;
      }
      throw new IllegalArgumentException("'" + text + "' is not a duration: use " + GRAMMAR, e);
    }
  }

  /** The shortest text of this grammar that reads back as exactly {@code d}: 1d, 5m, 250ms. */
  public static String format(Duration d) {
    long millis = d.toMillis();
    if (millis != 0 && millis % TimeUnits.MILLIS_PER_DAY == 0) {
      return millis / TimeUnits.MILLIS_PER_DAY + "d";
    }
    long hour = TimeUnits.SECONDS_PER_HOUR * TimeUnits.MILLIS_PER_SECOND;
    if (millis != 0 && millis % hour == 0) {
      return millis / hour + "h";
    }
    long minute = TimeUnits.SECONDS_PER_MINUTE * TimeUnits.MILLIS_PER_SECOND;
    if (millis != 0 && millis % minute == 0) {
      return millis / minute + "m";
    }
    if (millis != 0 && millis % TimeUnits.MILLIS_PER_SECOND == 0) {
      return millis / TimeUnits.MILLIS_PER_SECOND + "s";
    }
    return millis + "ms";
  }
}
