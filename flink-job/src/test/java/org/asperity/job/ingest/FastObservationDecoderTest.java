package org.asperity.job.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;
import org.junit.jupiter.api.Test;

/** The fast path reads exactly what the codec reads, and leaves everything else to it. */
class FastObservationDecoderTest {
  private static GnssObservation random(SplittableRandom r) {
    double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, -1e300};
    return GnssObservation.newBuilder()
        .setStation(r.nextInt(10) == 0 ? "Ωmega-" + r.nextInt(100) : "C" + r.nextInt(1000))
        .setNetwork(r.nextInt(20) == 0 ? "" : "net-" + r.nextInt(50))
        .setEpoch(
            Instant.ofEpochSecond(
                r.nextLong(-4_000_000_000L, 40_000_000_000L), r.nextInt(1_000_000) * 1000L))
        .setEastMeters(r.nextInt(10) == 0 ? specials[r.nextInt(specials.length)] : r.nextGaussian())
        .setNorthMeters(r.nextGaussian())
        .setUpMeters(r.nextGaussian())
        .setSigmaEastMeters(r.nextDouble())
        .setSigmaNorthMeters(r.nextDouble())
        .setSigmaUpMeters(r.nextDouble())
        .setSource(ObservationSource.values()[r.nextInt(4)])
        .setLatitudeDegrees(r.nextBoolean() ? null : r.nextDouble(-90, 90))
        .setLongitudeDegrees(r.nextBoolean() ? null : r.nextDouble(-180, 180))
        .build();
  }

  @Test
  void readsEveryCurrentSchemaRecordAsTheCodecDoes() throws WireFormatException {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes = Codecs.GNSS_OBSERVATION.encode(random(r));
      GnssObservation fast = FastObservationDecoder.decode(bytes);
      assertNotNull(fast);
      assertSame(Codecs.GNSS_OBSERVATION.decode(bytes), fast);
    }
  }

  @Test
  void corruptedRecordsAreLeftToTheCodecOrReadIdentically() {
    SplittableRandom r = new SplittableRandom(4);
    int declined = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = Codecs.GNSS_OBSERVATION.encode(random(r));
      switch (r.nextInt(3)) {
        case 0 -> bytes[10 + r.nextInt(bytes.length - 10)] = (byte) r.nextInt(256);
        case 1 -> bytes = Arrays.copyOf(bytes, 10 + r.nextInt(bytes.length - 10));
        default -> bytes = Arrays.copyOf(bytes, bytes.length + 1 + r.nextInt(3));
      }
      GnssObservation fast = FastObservationDecoder.decode(bytes);
      GnssObservation codec;
      try {
        codec = Codecs.GNSS_OBSERVATION.decode(bytes);
      } catch (WireFormatException e) {
        assertNull(fast, "the codec refuses it: " + e.getMessage());
        declined++;
        continue;
      }
      if (fast != null) {
        assertSame(codec, fast);
      }
    }
    assertTrue(declined > 1_000, declined + " corrupted records declined");
  }

  /** Same content, doubles bit for bit (Avro's record equality says NaN differs from NaN). */
  private static void assertSame(GnssObservation expected, GnssObservation actual) {
    assertArrayEquals(
        Codecs.GNSS_OBSERVATION.encode(expected),
        Codecs.GNSS_OBSERVATION.encode(actual),
        expected.toString());
  }

  @Test
  void otherFingerprintsAndHeadersAreNotItsBusiness() {
    assertNull(FastObservationDecoder.decode(null));
    assertNull(FastObservationDecoder.decode(new byte[] {(byte) 0xC3, 1}));
    byte[] older = Codecs.GNSS_OBSERVATION.encode(random(new SplittableRandom(1)));
    older[5] ^= 1;
    assertNull(FastObservationDecoder.decode(older));
  }
}
