package org.asperity.app.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The events one logger (and its children) logs at or above a level while open, kept instead of
 * printed: a test asserts on them and shows them when it fails.
 */
final class CapturedLog extends AbstractAppender implements AutoCloseable {
  private final String loggerName;
  private final List<String> events = new CopyOnWriteArrayList<>();

  private CapturedLog(String loggerName) {
    super("captured " + loggerName, null, null, true, Property.EMPTY_ARRAY);
    this.loggerName = loggerName;
  }

  static CapturedLog open(String loggerName, Level level) {
    CapturedLog log = new CapturedLog(loggerName);
    log.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    LoggerConfig logger = new LoggerConfig(loggerName, level, false);
    logger.addAppender(log, level, null);
    config.addLogger(loggerName, logger);
    context.updateLoggers();
    return log;
  }

  @Override
  public void append(LogEvent event) {
    Throwable thrown = event.getThrown();
    events.add(
        event.getLevel()
            + " "
            + event.getLoggerName()
            + ": "
            + event.getMessage().getFormattedMessage()
            + (thrown == null ? "" : " (" + thrown + ")"));
  }

  /** The events so far, one line each: level, logger, message, exception. */
  List<String> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().removeLogger(loggerName);
    context.updateLoggers();
    stop();
  }
}
