package org.asperity.kafka.embedded;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Keeps every log event it receives, for assertions on what the broker logged. */
final class CapturingAppender extends AbstractAppender {
  private final List<LogEvent> events = new CopyOnWriteArrayList<>();

  CapturingAppender() {
    super("capture", null, null, true, Property.EMPTY_ARRAY);
  }

  @Override
  public void append(LogEvent event) {
    events.add(event.toImmutable());
  }

  List<LogEvent> events() {
    return List.copyOf(events);
  }
}
