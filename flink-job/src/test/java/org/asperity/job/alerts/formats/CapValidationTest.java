package org.asperity.job.alerts.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.asperity.job.alerts.Alert;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.DeadLetterReason;
import org.junit.jupiter.api.Test;

class CapValidationTest {
  private static final Alert WATCH =
      new Alert(
          "sim-00/WATCH/2031-04-02T00:00:00Z",
          "sim-00",
          AlertLevel.WATCH,
          AlertLevel.CLEAR,
          AlertAction.ISSUE,
          List.of(),
          1_933_113_600_000_000L,
          120,
          290,
          700,
          8.1,
          "v1",
          "p50 290 d");

  private static List<Object> run(CapValidation.Writer writer, List<DeadLetterRecord> deadLetters)
      throws Exception {
    try (OneInputStreamOperatorTestHarness<Alert, Alert> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(
            new CapValidation(writer, "ttf.alerts.cap"))) {
      harness.processElement(new StreamRecord<>(WATCH, 0));
      ConcurrentLinkedQueue<StreamRecord<DeadLetterRecord>> side =
          harness.getSideOutput(CapValidation.DEAD_LETTERS);
      if (side != null) {
        side.forEach(r -> deadLetters.add(r.getValue()));
      }
      return new ArrayList<>(harness.extractOutputValues());
    }
  }

  @Test
  void aValidMessagePassesToTheSink() throws Exception {
    List<DeadLetterRecord> deadLetters = new ArrayList<>();
    List<Object> passed =
        run(new CapAlertFormatter(AlertPublication.defaults())::format, deadLetters);
    assertEquals(List.of(WATCH), passed);
    assertEquals(List.of(), deadLetters);
  }

  @Test
  void anInvalidMessageIsNeverPublishedButDeadLetteredWithTheReason() throws Exception {
    String invalid =
        new CapAlertFormatter(AlertPublication.defaults())
            .format(WATCH)
            .replace("<msgType>Alert</msgType>", "<msgType>Warning</msgType>");
    List<DeadLetterRecord> deadLetters = new ArrayList<>();
    assertEquals(List.of(), run(a -> invalid, deadLetters));

    assertEquals(1, deadLetters.size());
    DeadLetterRecord d = deadLetters.get(0);
    assertEquals(DeadLetterReason.OTHER, d.reason());
    assertTrue(d.detail().contains("not valid CAP 1.2"), d.detail());
    assertTrue(d.detail().contains("Warning"), d.detail());
    assertEquals("ttf.alerts.cap", d.sourceTopic());
    assertArrayEquals("sim-00".getBytes(StandardCharsets.UTF_8), d.key());
    assertArrayEquals(invalid.getBytes(StandardCharsets.UTF_8), d.value());
  }

  @Test
  void aWriterThatFailsIsDeadLetteredToo() throws Exception {
    List<DeadLetterRecord> deadLetters = new ArrayList<>();
    CapValidation.Writer failing =
        a -> {
          throw new IllegalStateException("no XML today");
        };
    assertEquals(List.of(), run(failing, deadLetters));
    assertEquals(1, deadLetters.size());
    assertTrue(deadLetters.get(0).detail().contains("no XML today"));
    assertNull(deadLetters.get(0).value());
  }
}
