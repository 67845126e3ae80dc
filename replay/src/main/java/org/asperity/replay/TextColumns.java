package org.asperity.replay;

import java.util.Locale;

/**
 * Number parsing for the whitespace-separated GNSS text formats, with reasons a summary can count.
 */
final class TextColumns {
  static final String COLUMN_COUNT = "COLUMN_COUNT";
  static final String NOT_A_NUMBER = "NOT_A_NUMBER";
  static final String NOT_FINITE = "NOT_FINITE";
  static final String NON_POSITIVE_SIGMA = "NON_POSITIVE_SIGMA";
  static final String BAD_DATE = "BAD_DATE";

  /** A malformed value, with the reason code for the reject log. */
  static final class Malformed extends Exception {
    final String reason;

    Malformed(String reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }

  private TextColumns() {}

  static String[] split(String line) {
    return line.strip().split("\\s+");
  }

  static double number(String[] cells, int index, String name) throws Malformed {
    String text = cells[index];
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new Malformed(NOT_A_NUMBER, name + " '" + text + "' is not a number");
    }
    if (!Double.isFinite(value)) {
      throw new Malformed(NOT_FINITE, name + " is " + text);
    }
    return value;
  }

  static double sigma(String[] cells, int index, String name) throws Malformed {
    double value = number(cells, index, name);
    if (!(value > 0)) {
      throw new Malformed(
          NON_POSITIVE_SIGMA,
          String.format(Locale.ROOT, "%s is %s, must be > 0", name, cells[index]));
    }
    return value;
  }

  static long integer(String[] cells, int index, String name) throws Malformed {
    try {
      return Long.parseLong(cells[index]);
    } catch (NumberFormatException e) {
      throw new Malformed(NOT_A_NUMBER, name + " '" + cells[index] + "' is not an integer");
    }
  }

  /** Longitude folded into (-180, 180]: NGL writes Lhasa as -268.9. */
  static double longitude(double degrees) {
    double folded = degrees % 360.0;
    if (folded > 180) {
      folded -= 360;
    } else if (folded <= -180) {
      folded += 360;
    }
    return folded;
  }
}
