package org.asperity.bridge.amqp;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one run of the AMQP ingest did.
 *
 * @param received messages the broker delivered (redeliveries included)
 * @param written observations Kafka acknowledged
 * @param deadLettered messages Kafka acknowledged on the dead-letter topic
 * @param rejected the dead-lettered messages by reason
 * @param redelivered deliveries the broker flagged as redelivered (handed out before and not
 *     acknowledged, e.g. across a restart); each may be in Kafka twice, which the job's
 *     deduplication on station and epoch absorbs
 */
public record AmqpIngestSummary(
    long received,
    long written,
    long deadLettered,
    Map<Rejection, Long> rejected,
    long redelivered) {
  public AmqpIngestSummary {
    rejected = Map.copyOf(rejected);
  }

  /** One line for the operator. */
  public String line() {
    String reasons =
        rejected.isEmpty()
            ? ""
            : rejected.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", ", " (", ")"));
    return String.format(
        Locale.ROOT,
        "received %,d message(s): wrote %,d observation(s), dead-lettered %,d%s; %,d redelivered",
        received,
        written,
        deadLettered,
        reasons,
        redelivered);
  }
}
