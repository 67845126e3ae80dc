package org.asperity.kafka;

import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Turns a logger off while a test provokes a failure on purpose: the Kafka clients log refused
 * logins, authorization failures and undecodable records at ERROR before the test sees the
 * exception it expects, and tests print nothing on success.
 */
final class QuietLogs {
  static final String KAFKA_CLIENTS = "org.apache.kafka.clients";

  private QuietLogs() {}

  static <T> T silenced(String loggerName, Callable<T> action) throws Exception {
    Level previous = LogManager.getLogger(loggerName).getLevel();
    Configurator.setLevel(loggerName, Level.OFF);
    try {
      return action.call();
    } finally {
      Configurator.setLevel(loggerName, previous);
    }
  }
}
