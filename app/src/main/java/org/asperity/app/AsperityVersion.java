package org.asperity.app;

import picocli.CommandLine;

/** Version from the jar manifest (set by Maven), or "development" when run from classes. */
final class AsperityVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Asperity.class.getPackage().getImplementationVersion();
    return new String[] {
      "Asperity " + (version == null ? "development build" : version),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
