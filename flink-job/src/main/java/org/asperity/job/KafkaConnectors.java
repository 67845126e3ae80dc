package org.asperity.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.asperity.job.alerts.Alert;
import org.asperity.job.alerts.formats.CapAlertFormatter;
import org.asperity.job.alerts.formats.CloudEventFormatter;
import org.asperity.job.catalog.CatalogDeserializer;
import org.asperity.job.catalog.CatalogRecord;
import org.asperity.job.ingest.DeadLetterKafkaRecords;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.ingest.ObservationDecoder;
import org.asperity.job.ingest.SourceRecord;
import org.asperity.job.io.KafkaRecordSerializer;
import org.asperity.job.io.ModelReleaseDeserializer;
import org.asperity.job.scoring.Forecast;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.Topic;
import org.asperity.schemas.wire.Codecs;

/**
 * The job's Kafka sources and sinks, from the operator's client settings (SASL, TLS... apply to
 * all). Alerts (Avro, CAP, CloudEvents: three topics, three transactional id prefixes) are written
 * in Kafka transactions committed with each checkpoint (exactly once; a read_committed consumer
 * sees each alert once, after the checkpoint); forecasts and dead letters at least once (flushed at
 * each checkpoint), forecasts carrying an idempotent key (region, and the window end in the value).
 * Forecasts, alerts and dead letters are Avro single-object encoded (the schemas module's codecs),
 * keyed by region, dead letters by the rejected record's own key (cut to fit when too large: see
 * {@link DeadLetterKafkaRecords}); alerts also go out as CAP 1.2 XML and CloudEvents JSON for
 * systems without Avro.
 */
public final class KafkaConnectors {
  /**
   * The broker's default {@code transaction.max.timeout.ms} is 15 min; Flink's default transaction
   * timeout (1 h) would be refused and the sink restart forever.
   */
  static final String TRANSACTION_TIMEOUT_MS = "600000";

  /**
   * Fetch size of the models source: a whole release in one fetch, twice the topic's largest
   * message.
   */
  static final int MODEL_FETCH_BYTES = 2 * Topic.MODELS_MAX_MESSAGE_BYTES;

  private KafkaConnectors() {}

  /** The observations, decoded in the source ({@link ObservationDecoder}); read_committed. */
  public static KafkaSource<SourceRecord> observations(JobOptions options) {
    Properties consumer = options.kafka().consumer(options.groupId(), true);
    var builder =
        KafkaSource.<SourceRecord>builder()
            .setProperties(consumer)
            .setTopics(options.topics().observations())
            .setClientIdPrefix(options.groupId() + "-observations")
            .setDeserializer(new ObservationDecoder())
            .setStartingOffsets(startingOffsets(options.startingOffsets()));
    if (options.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /** The model releases (compacted topic), always from the beginning: the latest release wins. */
  public static KafkaSource<byte[]> modelReleases(JobOptions options) {
    Properties consumer = options.kafka().consumer(options.groupId() + "-models", true);
    consumer.setProperty("max.partition.fetch.bytes", Integer.toString(MODEL_FETCH_BYTES));
    consumer.setProperty("fetch.max.bytes", Integer.toString(MODEL_FETCH_BYTES));
    var builder =
        KafkaSource.<byte[]>builder()
            .setProperties(consumer)
            .setTopics(options.topics().models())
            .setClientIdPrefix(options.groupId() + "-models")
            .setDeserializer(new ModelReleaseDeserializer())
            .setStartingOffsets(OffsetsInitializer.earliest());
    if (options.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /** How long a bounded run waits for the broker to say whether the catalog topic exists. */
  static final Duration CATALOG_LOOKUP_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Whether the job reads the catalog topic: if asked to and, for a bounded run, only if the topic
   * exists (and may be described) at start. A bounded Kafka source that finds no partition at all
   * never finishes (the connector sends its readers "no more splits" only after a partition
   * change), and a bounded run reads only what exists at its start anyway.
   */
  public static boolean readsCatalog(JobOptions options) {
    if (!options.catalogInput()) {
      return false;
    }
    if (!options.bounded()) {
      return true;
    }
    String topic = options.topics().catalogEvents();
    try (Admin admin = Admin.create(options.kafka().admin())) {
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(CATALOG_LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException
          || e.getCause() instanceof TopicAuthorizationException) {
        return false;
      }
      throw new IllegalStateException(
          "cannot look up topic " + topic + ": " + KafkaErrors.describe(e.getCause()), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot look up topic " + topic + ": timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking up topic " + topic, e);
    }
  }

  /**
   * The catalog of earthquakes, always from the beginning (the last large earthquake may be years
   * old). Subscribed by name as a pattern, so a deployment without the topic runs (the source then
   * has no partitions) and picks it up once it exists, at the next partition discovery.
   */
  public static KafkaSource<CatalogRecord> catalog(JobOptions options) {
    Properties consumer = options.kafka().consumer(options.groupId() + "-catalog", true);
    var builder =
        KafkaSource.<CatalogRecord>builder()
            .setProperties(consumer)
            .setTopicPattern(Pattern.compile(Pattern.quote(options.topics().catalogEvents())))
            .setClientIdPrefix(options.groupId() + "-catalog")
            .setDeserializer(new CatalogDeserializer())
            .setStartingOffsets(OffsetsInitializer.earliest());
    if (options.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  public static KafkaSink<Forecast> forecasts(JobOptions options) {
    return sink(
        options,
        KafkaRecordSerializer.<Forecast>of(
            options.topics().forecasts(),
            f -> KafkaRecordSerializer.utf8(f.region()),
            f -> Codecs.TTF_FORECAST.encode(f.toAvro())),
        DeliveryGuarantee.AT_LEAST_ONCE,
        null);
  }

  public static KafkaSink<Alert> alerts(JobOptions options) {
    return sink(
        options,
        KafkaRecordSerializer.<Alert>of(
            options.topics().alerts(),
            a -> KafkaRecordSerializer.utf8(a.region()),
            a -> Codecs.TTF_ALERT.encode(a.toAvro())),
        alertGuarantee(options),
        options.transactionalIdPrefix());
  }

  /** Exactly once when checkpoints commit the transactions; without checkpoints nothing would. */
  private static DeliveryGuarantee alertGuarantee(JobOptions options) {
    return options.checkpointInterval().isZero()
        ? DeliveryGuarantee.AT_LEAST_ONCE
        : DeliveryGuarantee.EXACTLY_ONCE;
  }

  /** CAP 1.2 documents of the alerts, in their own transactions (exactly once). */
  public static KafkaSink<Alert> capAlerts(JobOptions options) {
    CapAlertFormatter cap = new CapAlertFormatter(options.alertPublication());
    return sink(
        options,
        KafkaRecordSerializer.<Alert>of(
                options.topics().alertsCap(),
                a -> KafkaRecordSerializer.utf8(a.region()),
                a -> KafkaRecordSerializer.utf8(cap.format(a)))
            .withContentType(CapAlertFormatter.CONTENT_TYPE),
        alertGuarantee(options),
        options.transactionalIdPrefix() + "-cap");
  }

  /** CloudEvents of the alerts, in their own transactions (exactly once). */
  public static KafkaSink<Alert> cloudEventAlerts(JobOptions options) {
    CloudEventFormatter cloudEvents = new CloudEventFormatter(options.alertPublication());
    return sink(
        options,
        KafkaRecordSerializer.<Alert>of(
                options.topics().alertsJson(),
                a -> KafkaRecordSerializer.utf8(a.region()),
                a -> cloudEvents.format(a))
            .withContentType(CloudEventFormatter.CONTENT_TYPE),
        alertGuarantee(options),
        options.transactionalIdPrefix() + "-json");
  }

  public static KafkaSink<DeadLetterRecord> deadLetters(JobOptions options) {
    return sink(
        options,
        new DeadLetterKafkaRecords(options.topics().observationsDeadLetter()),
        DeliveryGuarantee.AT_LEAST_ONCE,
        null);
  }

  private static <T> KafkaSink<T> sink(
      JobOptions options,
      KafkaRecordSerializationSchema<T> serializer,
      DeliveryGuarantee guarantee,
      String transactionalIdPrefix) {
    Properties producer =
        options
            .kafka()
            .producer(Map.of(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS));
    var builder =
        KafkaSink.<T>builder()
            .setKafkaProducerConfig(producer)
            .setRecordSerializer(serializer)
            .setDeliveryGuarantee(guarantee);
    if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
      builder
          .setTransactionalIdPrefix(transactionalIdPrefix)
          .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING);
    }
    return builder.build();
  }

  private static OffsetsInitializer startingOffsets(JobOptions.StartingOffsets startingOffsets) {
    return switch (startingOffsets) {
      case EARLIEST -> OffsetsInitializer.earliest();
      case LATEST -> OffsetsInitializer.latest();
      case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    };
  }
}
