package org.asperity.job;

import picocli.CommandLine;

/** {@code --state-backend hashmap|rocksdb}, any case; anything else is refused in one line. */
public final class StateBackendConverter
    implements CommandLine.ITypeConverter<JobOptions.StateBackend> {
  @Override
  public JobOptions.StateBackend convert(String value) {
    try {
      return JobOptions.StateBackend.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
