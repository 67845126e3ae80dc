package org.asperity.job.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.EventSource;
import org.asperity.schemas.RuptureKind;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Test;

class CatalogDeserializerTest {
  private static EarthquakeEvent event(String region, double mw) {
    return EarthquakeEvent.newBuilder()
        .setEventId("quakeml:test/1")
        .setRegion(region)
        .setOnset(Instant.parse("2011-03-11T05:46:24.120Z"))
        .setMomentMagnitude(mw)
        .setSeismicMomentNewtonMeters(Math.pow(10, 1.5 * mw + 9.1))
        .setAsperities(List.of())
        .setRuptureKind(RuptureKind.UNKNOWN)
        .setRuptureStartAlongStrikeKilometers(Double.NaN)
        .setRuptureEndAlongStrikeKilometers(Double.NaN)
        .setRuptureAreaSquareKilometers(Double.NaN)
        .setMeanSlipMeters(Double.NaN)
        .setMaxSlipMeters(Double.NaN)
        .setSource(EventSource.CATALOG)
        .setMomentMagnitudeUncertainty(0.1)
        .build();
  }

  private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
    return new ConsumerRecord<>(
        "catalog.events", 0, 42, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static CatalogRecord roundTrip(CatalogRecord r) throws Exception {
    CatalogRecordSerializer serializer = new CatalogRecordSerializer();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    serializer.serialize(r, new DataOutputViewStreamWrapper(bytes));
    return serializer.deserialize(
        new DataInputViewStreamWrapper(new ByteArrayInputStream(bytes.toByteArray())));
  }

  @Test
  void aCatalogEventBecomesAQuakeOfItsRegion() throws Exception {
    CatalogRecord r =
        CatalogDeserializer.decode(
            record("tohoku", Codecs.EARTHQUAKE_EVENT.encode(event("tohoku", 9.1))));
    assertFalse(r.isRejected());
    assertEquals("tohoku", r.region());
    assertEquals(1299822384120000L, r.onsetMicros());
    assertEquals(9.1, r.momentMagnitude());
    assertEquals("quakeml:test/1", r.eventId());
    assertEquals(r, roundTrip(r));
  }

  @Test
  void theSimulatorsGroundTruthIsNoInputOfTheJob() {
    EarthquakeEvent simulated = event("sim-00", 8.1);
    simulated.setSource(EventSource.SIMULATED);
    List<CatalogRecord> out = new java.util.ArrayList<>();
    new CatalogDeserializer()
        .deserialize(
            record("sim-00", Codecs.EARTHQUAKE_EVENT.encode(simulated)),
            new org.apache.flink.util.Collector<>() {
              @Override
              public void collect(CatalogRecord r) {
                out.add(r);
              }

              @Override
              public void close() {}
            });
    assertTrue(out.isEmpty());
  }

  @Test
  void unusableRecordsBecomeDeadLettersNeverExceptions() throws Exception {
    CatalogRecord garbage = CatalogDeserializer.decode(record("x", new byte[] {1, 2, 3}));
    assertTrue(garbage.isRejected());
    assertEquals(DeadLetterReason.TOO_SHORT, garbage.rejection().reason());
    assertEquals("catalog.events", garbage.rejection().sourceTopic());
    assertEquals(42, garbage.rejection().sourceOffset());
    assertEquals("x", garbage.region());
    CatalogRecord copy = roundTrip(garbage);
    assertEquals(garbage.rejection().detail(), copy.rejection().detail());

    CatalogRecord nan =
        CatalogDeserializer.decode(
            record("r", Codecs.EARTHQUAKE_EVENT.encode(event("r", Double.NaN))));
    assertEquals(DeadLetterReason.NOT_FINITE, nan.rejection().reason());
    CatalogRecord noRegion =
        CatalogDeserializer.decode(record(null, Codecs.EARTHQUAKE_EVENT.encode(event("", 8))));
    assertEquals(DeadLetterReason.IMPLAUSIBLE_VALUE, noRegion.rejection().reason());

    byte[] valid = Codecs.EARTHQUAKE_EVENT.encode(event("r", 8.0));
    Random random = new Random(15);
    for (int i = 0; i < 500; i++) {
      byte[] mutated = valid.clone();
      mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      CatalogRecord r = CatalogDeserializer.decode(record("r", mutated));
      assertTrue(r == null || r.isRejected() || Double.isFinite(r.momentMagnitude()));
    }
  }
}
