package org.asperity.job.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.asperity.job.alerts.Alert;
import org.asperity.job.alerts.formats.AlertPublication;
import org.asperity.job.alerts.formats.CapAlertFormatter;
import org.asperity.job.alerts.formats.CloudEventFormatter;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.scoring.Forecast;
import org.asperity.schemas.wire.Codecs;

/**
 * Kafka records of the job's outputs: forecasts, alerts and dead letters in Avro single-object
 * encoding (the schemas module's codecs), alerts also as CAP 1.2 XML and CloudEvents JSON for
 * systems without Avro; keyed by region, dead letters by the rejected record's own key. Record
 * timestamps are left to the producer (wall time); nothing in a value depends on wall time.
 */
public final class AvroRecordSerializers {
  private AvroRecordSerializers() {}

  /** {@code TtfForecast}, key region. */
  public static final class Forecasts implements KafkaRecordSerializationSchema<Forecast> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public Forecasts(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        Forecast forecast, KafkaSinkContext context, Long timestamp) {
      return new ProducerRecord<>(
          topic,
          forecast.region().getBytes(StandardCharsets.UTF_8),
          Codecs.TTF_FORECAST.encode(forecast.toAvro()));
    }
  }

  /** {@code TtfAlert}, key region. */
  public static final class Alerts implements KafkaRecordSerializationSchema<Alert> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public Alerts(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        Alert alert, KafkaSinkContext context, Long timestamp) {
      return new ProducerRecord<>(
          topic,
          alert.region().getBytes(StandardCharsets.UTF_8),
          Codecs.TTF_ALERT.encode(alert.toAvro()));
    }
  }

  /** The alert as an OASIS CAP 1.2 XML document, key region. */
  public static final class CapAlerts implements KafkaRecordSerializationSchema<Alert> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final AlertPublication publication;
    private transient CapAlertFormatter formatter;

    public CapAlerts(String topic, AlertPublication publication) {
      this.topic = topic;
      this.publication = publication;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        Alert alert, KafkaSinkContext context, Long timestamp) {
      if (formatter == null) {
        formatter = new CapAlertFormatter(publication);
      }
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(
              topic,
              alert.region().getBytes(StandardCharsets.UTF_8),
              formatter.format(alert.toAvro()).getBytes(StandardCharsets.UTF_8));
      record
          .headers()
          .add(
              "content-type",
              "application/cap+xml; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
      return record;
    }
  }

  /** The alert as a CloudEvents 1.0 structured-mode JSON event, key region. */
  public static final class CloudEventAlerts implements KafkaRecordSerializationSchema<Alert> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final AlertPublication publication;
    private transient CloudEventFormatter formatter;

    public CloudEventAlerts(String topic, AlertPublication publication) {
      this.topic = topic;
      this.publication = publication;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        Alert alert, KafkaSinkContext context, Long timestamp) {
      if (formatter == null) {
        formatter = new CloudEventFormatter(publication);
      }
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(
              topic,
              alert.region().getBytes(StandardCharsets.UTF_8),
              formatter.format(alert.toAvro()));
      record
          .headers()
          .add("content-type", CloudEventFormatter.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      return record;
    }
  }

  /** {@code DeadLetter}, key the rejected record's key. */
  public static final class DeadLetters
      implements KafkaRecordSerializationSchema<DeadLetterRecord> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public DeadLetters(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        DeadLetterRecord deadLetter, KafkaSinkContext context, Long timestamp) {
      return new ProducerRecord<>(
          topic, deadLetter.key(), Codecs.DEAD_LETTER.encode(deadLetter.toAvro()));
    }
  }
}
