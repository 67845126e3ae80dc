package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ForegroundServiceTest {
  @Test
  void printsTheStatusLinesAndTheSummaryWhenTheServiceEnds() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    AtomicInteger stops = new AtomicInteger();
    int exit =
        ForegroundService.run(
            "test-stop",
            stops::incrementAndGet,
            () -> {
              ForegroundService.printer(out).accept("connected");
              return "3 alerts sent";
            },
            out);
    assertEquals(0, exit);
    assertEquals("connected\nstopped: 3 alerts sent\n", text.toString().replace("\r\n", "\n"));
    assertEquals(0, stops.get(), "a service that ended by itself is not stopped again");
  }

  @Test
  void aServiceThatFailsPropagatesItsErrorWithoutASummary() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ForegroundService.run(
                    "test-stop",
                    () -> {},
                    () -> {
                      throw new IllegalStateException("broker unreachable");
                    },
                    out));
    assertEquals("broker unreachable", e.getMessage());
    assertEquals("", text.toString());
  }
}
