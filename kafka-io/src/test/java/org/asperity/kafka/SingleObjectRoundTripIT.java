package org.asperity.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.testing.SampleRecords;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.SingleObjectCodec;
import org.asperity.schemas.wire.WireFormatException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record type through a real broker, on its own topic of the table, in single-object
 * encoding.
 */
class SingleObjectRoundTripIT {
  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static KafkaClientSettings settings;

  @BeforeAll
  static void createTheTopicsOfTheTable(EmbeddedKafkaBroker broker) {
    settings = KafkaClientSettings.of(broker.bootstrapServers());
    try (TopicAdmin admin = TopicAdmin.connect(settings)) {
      admin.ensureTopics(TOPICS.all(), WAIT);
    }
  }

  static Stream<Arguments> oneRecordOfEachType() {
    var observation = SampleRecords.observation("C001", SampleRecords.EPOCH, 0.0213);
    var slip = SampleRecords.slipDeficit();
    return Stream.of(
        Arguments.of(TOPICS.observations(), StationKey.of(observation).format(), observation),
        Arguments.of(TOPICS.slipDeficit(), slip.getRegion() + "/" + slip.getAsperity(), slip),
        Arguments.of(
            TOPICS.catalogEvents(), SampleRecords.event().getRegion(), SampleRecords.event()),
        Arguments.of(
            TOPICS.forecasts(), SampleRecords.forecast().getRegion(), SampleRecords.forecast()),
        Arguments.of(TOPICS.alerts(), SampleRecords.alert().getRegion(), SampleRecords.alert()),
        // The dead-letter topic has no key: the raw key travels inside the record.
        Arguments.of(TOPICS.observationsDeadLetter(), null, SampleRecords.deadLetter()),
        Arguments.of(
            TOPICS.models(),
            SampleRecords.modelRelease().getModelName(),
            SampleRecords.modelRelease()));
  }

  @Test
  void theCasesCoverEveryRecordType() {
    assertEquals(
        SampleRecords.oneOfEach().stream().map(r -> r.getClass()).toList(),
        oneRecordOfEachType().map(a -> a.get()[2].getClass()).toList());
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("oneRecordOfEachType")
  <T extends SpecificRecord> void aRecordComesBackEqualWithItsKey(
      String topic, String key, T record) {
    @SuppressWarnings("unchecked")
    SingleObjectCodec<T> codec = SingleObjectCodec.of((Class<T>) record.getClass());
    try (KafkaProducer<String, T> producer =
        new KafkaProducer<>(
            settings.producer(), new StringSerializer(), new SingleObjectSerializer<>(codec))) {
      producer.send(new ProducerRecord<>(topic, key, record)).get();
    } catch (Exception e) {
      throw new AssertionError(KafkaErrors.describe(e), e);
    }

    List<ConsumerRecord<String, T>> read = new ArrayList<>();
    try (KafkaConsumer<String, T> consumer =
        new KafkaConsumer<>(
            settings.consumer("round-trip-" + topic, true),
            new StringDeserializer(),
            new SingleObjectDeserializer<>(codec))) {
      consumer.subscribe(List.of(topic));
      pollUntil(
          () -> consumer.poll(Duration.ofMillis(100)).forEach(read::add), () -> !read.isEmpty());
    }

    assertEquals(1, read.size());
    assertEquals(key, read.get(0).key());
    assertEquals(record, read.get(0).value());
    byte[] raw = readRaw(topic).get(0).value();
    assertArrayEquals(
        new byte[] {(byte) 0xC3, 0x01}, new byte[] {raw[0], raw[1]}, "single-object marker");
    assertEquals(
        codec.currentFingerprint(),
        ByteBuffer.wrap(raw, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
  }

  @Test
  void unreadableValuesRaiseTypedErrorsNamingTheReasonAndTheConsumerCanSkipThem() throws Exception {
    String topic = "malformed.observations";
    KAFKA.broker().createTopic(topic, 1);
    byte[] randomBytes = new byte[32];
    new SplittableRandom(20310402L).nextBytes(randomBytes);
    byte[] unknownFingerprint =
        ByteBuffer.allocate(14)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put((byte) 0xC3)
            .put((byte) 0x01)
            .putLong(0x0123456789ABCDEFL)
            .putInt(42)
            .array();
    byte[] anAlert = Codecs.TTF_ALERT.encode(SampleRecords.alert());
    byte[] anObservation =
        Codecs.GNSS_OBSERVATION.encode(SampleRecords.observation("C002", SampleRecords.EPOCH, 0.1));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            settings.producer(), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[] value : List.of(randomBytes, unknownFingerprint, anAlert, anObservation)) {
        producer.send(new ProducerRecord<>(topic, value)).get();
      }
    }

    List<Reason> reasons = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    List<GnssObservation> readable = new ArrayList<>();
    TopicPartition partition = new TopicPartition(topic, 0);
    QuietLogs.silenced(
        QuietLogs.KAFKA_CLIENTS,
        () -> {
          try (KafkaConsumer<String, GnssObservation> consumer =
              new KafkaConsumer<>(
                  settings.consumer("malformed", true),
                  new StringDeserializer(),
                  new SingleObjectDeserializer<>(Codecs.GNSS_OBSERVATION))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            pollUntil(
                () -> {
                  try {
                    consumer.poll(Duration.ofMillis(100)).forEach(r -> readable.add(r.value()));
                  } catch (RecordDeserializationException e) {
                    SingleObjectDeserializationException cause =
                        assertInstanceOf(SingleObjectDeserializationException.class, e.getCause());
                    assertEquals(reasons.size(), e.offset());
                    reasons.add(cause.reason());
                    descriptions.add(KafkaErrors.describe(e));
                    consumer.seek(partition, e.offset() + 1);
                  }
                },
                () -> !readable.isEmpty());
          }
          return null;
        });

    assertEquals(
        List.of(Reason.BAD_MARKER, Reason.UNKNOWN_FINGERPRINT, Reason.WRONG_RECORD_TYPE), reasons);
    assertEquals(List.of(SampleRecords.observation("C002", SampleRecords.EPOCH, 0.1)), readable);
    assertTrue(
        descriptions.get(1).contains("offset 1 of malformed.observations-0"), descriptions.get(1));
    assertTrue(descriptions.get(1).contains("UNKNOWN_FINGERPRINT"), descriptions.get(1));
  }

  private static List<ConsumerRecord<byte[], byte[]>> readRaw(String topic) {
    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            settings.consumer("raw", true),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      pollUntil(
          () -> consumer.poll(Duration.ofMillis(100)).forEach(read::add), () -> !read.isEmpty());
    }
    return read;
  }

  /** Polls until {@code done}; on this thread, since a consumer is not thread-safe. */
  private static void pollUntil(Runnable poll, java.util.function.BooleanSupplier done) {
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .pollInterval(Duration.ZERO)
        .until(
            () -> {
              poll.run();
              return done.getAsBoolean();
            });
  }
}
