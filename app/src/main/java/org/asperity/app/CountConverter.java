package org.asperity.app;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads counts as an operator writes them: 5000000, 5_000_000, 5M, 2.5M, 500k. */
final class CountConverter implements CommandLine.ITypeConverter<Long> {
  private static final Pattern COUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)([kmg]?)");

  @Override
  public Long convert(String value) {
    Matcher m =
        COUNT.matcher(value.strip().replace("_", "").replace(",", "").toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a count: use e.g. 5000000, 5M or 500k");
    }
    double factor =
        switch (m.group(2)) {
          case "k" -> 1e3;
          case "m" -> 1e6;
          case "g" -> 1e9;
          default -> 1;
        };
    return Math.round(Double.parseDouble(m.group(1)) * factor);
  }
}
