package org.asperity.app;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Switches the frameworks' logs between quiet (default) and verbose. */
final class Logging {
  private static volatile boolean verbose;

  private Logging() {}

  static void verbose() {
    verbose = true;
    Configurator.setLevel("org.apache.kafka", Level.INFO);
    Configurator.setLevel("kafka", Level.INFO);
    Configurator.setLevel("org.apache.flink", Level.INFO);
    Configurator.setRootLevel(Level.INFO);
  }

  static boolean isVerbose() {
    return verbose;
  }
}
