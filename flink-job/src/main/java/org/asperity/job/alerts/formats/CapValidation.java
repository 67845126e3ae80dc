package org.asperity.job.alerts.formats;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.asperity.job.alerts.Alert;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.ingest.SourceRecord;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.cap.CapSchema;

/**
 * The gate in front of the CAP sink: an alert whose CAP document is not valid OASIS CAP 1.2 is
 * never published; it goes to the dead letters with the violation and the document, and the other
 * formats of the alert are published as usual. The sink formats a passed alert again: formatting is
 * deterministic, so the bytes are the ones validated, and alerts are rare enough for the cost not
 * to matter.
 */
public final class CapValidation extends ProcessFunction<Alert, Alert> {
  private static final long serialVersionUID = 1L;

  /** CAP documents that failed the schema, as dead letters. */
  public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
      new OutputTag<>("invalid-cap", DeadLetterRecord.TYPE_INFO);

  /** What writes the document (the CAP formatter; another in tests). */
  public interface Writer extends Serializable {
    String format(Alert alert);
  }

  private final Writer writer;
  private final String capTopic;

  /**
   * @param capTopic the CAP topic the document was meant for, named in the dead letter
   */
  public CapValidation(Writer writer, String capTopic) {
    this.writer = writer;
    this.capTopic = capTopic;
  }

  @Override
  public void processElement(Alert alert, Context context, Collector<Alert> out) {
    String xml;
    Optional<String> violation;
    try {
      xml = writer.format(alert);
      violation = CapSchema.violation(xml);
    } catch (RuntimeException e) {
      xml = null;
      violation = Optional.of("the CAP document cannot be written: " + e);
    }
    if (violation.isEmpty()) {
      out.collect(alert);
      return;
    }
    context.output(
        DEAD_LETTERS,
        new DeadLetterRecord(
            DeadLetterReason.OTHER,
            "CAP message of alert "
                + alert.alertId()
                + " is not valid CAP 1.2 and was not published: "
                + violation.get(),
            capTopic,
            -1,
            -1,
            SourceRecord.NO_TIMESTAMP,
            null,
            alert.region().getBytes(StandardCharsets.UTF_8),
            xml == null ? null : xml.getBytes(StandardCharsets.UTF_8)));
  }
}
