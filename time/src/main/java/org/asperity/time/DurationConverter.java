package org.asperity.time;

import java.time.Duration;
import picocli.CommandLine;

/** The duration grammar of {@link Durations} on the command line, for every command and the job. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
