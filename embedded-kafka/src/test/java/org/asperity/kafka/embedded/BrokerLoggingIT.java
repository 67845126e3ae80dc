package org.asperity.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker's logs go through slf4j 2 to log4j2 (kafka_2.13 declares slf4j 1.7, which would bind
 * nothing), and a normal life — start, topic, produce, consume, stop — logs nothing above WARN, and
 * at WARN only Kafka's two known notices of that life.
 */
class BrokerLoggingIT {
  private static final List<String> BROKER_LOGGERS = List.of("kafka", "org.apache.kafka");

  /** WARNs Kafka 4.2 logs in every normal life of a fresh single-node cluster. */
  private static final List<String> EXPECTED_WARNINGS =
      List.of(
          // QuorumController, at the first start of a freshly formatted log.
          "The metadata log appears to be empty",
          // NetworkClient, while the broker shuts down its registration channel.
          "Attempting to close NetworkClient that has already been closed");

  private final CapturingAppender appender = new CapturingAppender();
  private final Map<String, LoggerConfig> previous = new HashMap<>();

  @BeforeEach
  void captureBrokerLogsFromInfo() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender.start();
    for (String name : BROKER_LOGGERS) {
      previous.put(name, config.getLoggerConfig(name));
      config.removeLogger(name);
      LoggerConfig capture = new LoggerConfig(name, Level.INFO, false);
      capture.addAppender(appender, Level.INFO, null);
      config.addLogger(name, capture);
    }
    context.updateLoggers();
  }

  @AfterEach
  void restoreLogging() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    for (String name : BROKER_LOGGERS) {
      config.removeLogger(name);
      LoggerConfig original = previous.get(name);
      if (original.getName().equals(name)) {
        config.addLogger(name, original);
      }
    }
    context.updateLoggers();
    appender.stop();
  }

  @Test
  void aNormalLifeLogsThroughLog4j2AndNothingAboveTheKnownWarnings() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().topic("t", 2).start()) {
      TestClients.produce(broker.clientProperties(), "t", "k", "v");
      assertEquals(
          1,
          TestClients.consume(broker.clientProperties(), "t", "g", 1, Duration.ofSeconds(20))
              .size());
    }

    List<LogEvent> events = appender.events();
    assertTrue(
        events.stream()
            .anyMatch(
                e -> e.getLevel() == Level.INFO && e.getLoggerName().startsWith("kafka.server")),
        "no INFO event from the broker reached log4j2: is slf4j bound to it?");
    List<String> unexpected =
        events.stream()
            .filter(e -> e.getLevel().isMoreSpecificThan(Level.WARN))
            .filter(
                e ->
                    e.getLevel() != Level.WARN
                        || EXPECTED_WARNINGS.stream()
                            .noneMatch(e.getMessage().getFormattedMessage()::contains))
            .map(
                e ->
                    e.getLevel()
                        + " "
                        + e.getLoggerName()
                        + " - "
                        + e.getMessage().getFormattedMessage())
            .toList();
    assertTrue(
        unexpected.isEmpty(), "unexpected broker log events:\n" + String.join("\n", unexpected));
  }
}
