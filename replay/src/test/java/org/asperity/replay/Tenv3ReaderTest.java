package org.asperity.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Tenv3ReaderTest {

  @Test
  void readsTheRealLhasSeriesCompletely() throws Exception {
    Path file = RepositoryData.gnss("LHAS.tenv3");
    long dataLines =
        Files.readAllLines(file).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("site"))
            .count();
    RejectLog rejects = new RejectLog(false);

    List<GnssObservation> all = Readers.readAll(GnssFiles.open(file, null, rejects));

    assertEquals(0, rejects.total(), rejects.examples().toString());
    assertEquals(dataLines, all.size());
    GnssObservation first = all.get(0);
    assertEquals("LHAS", first.getStation());
    assertEquals("NGL", first.getNetwork());
    assertEquals(ObservationSource.REPLAY, first.getSource());
    // MJD 49856 = 1995-05-19; a daily solution is stamped at the middle of its day.
    assertEquals(Instant.parse("1995-05-19T12:00:00Z"), first.getEpoch());
    assertEquals(0.0, first.getEastMeters());
    assertEquals(0.002231, first.getSigmaEastMeters());
    assertEquals(0.008643, first.getSigmaUpMeters());
    assertEquals(29.6573392384, first.getLatitudeDegrees(), 1e-10);
    // NGL writes Lhasa's longitude as -268.896; folded into (-180, 180] it is 91.104 E.
    assertEquals(91.1039857924, first.getLongitudeDegrees(), 1e-9);

    // Last line: LHAS 07JAN28 ... e0 385 east 1.424664, n0 3282129 north 0.797615, u0 3624 up
    // 0.656529
    GnssObservation last = all.get(all.size() - 1);
    assertEquals(Instant.parse("2007-01-29T12:00:00Z"), last.getEpoch());
    assertEquals(1.423936 - 0.888603, last.getEastMeters(), 1e-9);
    assertEquals(0.799146 - 0.602585, last.getNorthMeters(), 1e-9);
    assertEquals(0.654689 - 0.707878, last.getUpMeters(), 1e-9);
    for (int i = 1; i < all.size(); i++) {
      assertTrue(
          all.get(i).getEpoch().isAfter(all.get(i - 1).getEpoch()), "epochs increase at " + i);
    }
  }

  @Test
  void malformedLinesAreSkippedWithReasonAndLineNumber(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("BAD1.tenv3");
    String header = Files.readAllLines(RepositoryData.gnss("LHAS.tenv3")).get(0);
    Files.writeString(
        file,
        String.join(
            "\n",
            header,
            "BAD1 95MAY19 1995.3785 49856  801 5   91.1    385  0.888603   3282129  0.602585  3624  0.707878  0.0000 0.002231 0.001932 0.008643 -0.009728 -0.044382 -0.198749  29.65 -268.89 3624.7",
            "BAD1 95MAY20 1995.3812 49857  801 6   91.1    385  0.913134   3282129",
            "BAD1 95MAY21 1995.3840 49858  802 0   91.1    385  0.89x354   3282129  0.605138  3624  0.748621  0.0000 0.001971 0.002305 0.010650 -0.143037 -0.034408  0.163456  29.65 -268.89 3624.7",
            "BAD1 95MAY22 1995.3867 49859  802 1   91.1    385  0.912961   3282129  0.599839  3624  NaN  0.0000 0.002362 0.002101 0.010088 -0.009771  0.064218 -0.238586  29.65 -268.89 3624.7",
            "BAD1 95MAY23 1995.3895 49860  802 2   91.1    385  0.891276   3282129  0.607268  3624  0.682086  0.0000 0.000000 0.001903 0.009016 -0.026489  0.218765  0.105576  29.65 -268.89 3624.7",
            "BAD1 95MAY19 1995.3785 49856  801 5   91.1    385  0.888603   3282129  0.602585  3624  0.707878  0.0000 0.002231 0.001932 0.008643 -0.009728 -0.044382 -0.198749  29.65 -268.89 3624.7",
            "",
            "BAD1 95MAY25 1995.3949 49862  802 4   91.1    385  0.890460   3282129  0.605146  3624  0.757237  0.0000 0.003577 0.002956 0.015379 -0.036282  0.128589  0.405121  29.65 -268.89 3624.7"));
    RejectLog rejects = new RejectLog(false);

    List<GnssObservation> all = Readers.readAll(GnssFiles.open(file, "TEST", rejects));

    assertEquals(2, all.size());
    assertEquals("TEST", all.get(0).getNetwork());
    assertEquals(Instant.parse("1995-05-25T12:00:00Z"), all.get(1).getEpoch());
    assertEquals(0.890460 - 0.888603, all.get(1).getEastMeters(), 1e-9);
    assertEquals(4, rejects.total());
    assertEquals(1L, rejects.countsByReason().get("COLUMN_COUNT"));
    assertEquals(1L, rejects.countsByReason().get("NOT_A_NUMBER"));
    assertEquals(1L, rejects.countsByReason().get("NOT_FINITE"));
    assertEquals(1L, rejects.countsByReason().get("NON_POSITIVE_SIGMA"));
    assertEquals("line 3", rejects.examples().get(0).location());
    // Line 7 repeats line 2's station and day: dropped and counted, the first one kept.
    assertEquals(1, rejects.dropped());
    assertEquals(1L, rejects.dropsByReason().get("DUPLICATE_EPOCH"));
    assertEquals("line 7", rejects.dropExamples().get(0).location());
    assertTrue(rejects.dropExamples().get(0).detail().contains("line 2"));

    ReplayException strict =
        assertThrows(
            ReplayException.class,
            () -> Readers.readAll(GnssFiles.open(file, "TEST", new RejectLog(true))));
    assertTrue(
        strict.getMessage().contains("line 3") && strict.getMessage().contains("COLUMN_COUNT"),
        strict.getMessage());
  }

  @Test
  void columnsAreFoundByTheirHeaderNamesInAnyOrder(@TempDir Path dir) throws Exception {
    Path documented = dir.resolve("A.tenv3");
    Files.writeString(
        documented,
        String.join(
            "\n",
            "site YYMMMDD yyyy.yyyy __MJD week d reflon _e0(m) __east(m) ____n0(m) _north(m) u0(m) ____up(m) _ant(m) sig_e(m) sig_n(m) sig_u(m) __corr_en __corr_eu __corr_nu",
            "AAAA 95MAY19 1995.3785 49856  801 5   91.1    385  0.888603   3282129  0.602585  3624  0.707878  0.0000 0.002231 0.001932 0.008643 -0.009728 -0.044382 -0.198749",
            "AAAA 95MAY20 1995.3812 49857  801 6   91.1    385  0.913134   3282129  0.597342  3624  0.721752  0.0000 0.002567 0.002110 0.009596 -0.134953 -0.142806 -0.121507"));
    // The same two days with north before east, sigmas reversed and an extra column.
    Path reordered = dir.resolve("B.tenv3");
    Files.writeString(
        reordered,
        String.join(
            "\n",
            "site extra __MJD ____n0(m) _north(m) _e0(m) __east(m) u0(m) ____up(m) sig_u(m) sig_n(m) sig_e(m)",
            "AAAA x 49856 3282129  0.602585 385  0.888603 3624  0.707878 0.008643 0.001932 0.002231",
            "AAAA x 49857 3282129  0.597342 385  0.913134 3624  0.721752 0.009596 0.002110 0.002567"));

    List<GnssObservation> expected =
        Readers.readAll(GnssFiles.open(documented, null, new RejectLog(true)));
    List<GnssObservation> actual =
        Readers.readAll(GnssFiles.open(reordered, null, new RejectLog(true)));

    assertEquals(2, expected.size());
    assertEquals(0.913134 - 0.888603, expected.get(1).getEastMeters(), 1e-9);
    assertEquals(0.597342 - 0.602585, expected.get(1).getNorthMeters(), 1e-9);
    assertEquals(0.009596, expected.get(1).getSigmaUpMeters());
    assertEquals(expected, actual);
  }

  @Test
  void aHeaderWithoutARequiredColumnIsAClearError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("X.tenv3");
    Files.writeString(file, "site YYMMMDD yyyy.yyyy __MJD\nX 95MAY19 1995.3785 49856\n");
    ReplayException e =
        assertThrows(
            ReplayException.class,
            () -> Readers.readAll(GnssFiles.open(file, null, new RejectLog(false))));
    assertTrue(e.getMessage().contains("e0(m)"), e.getMessage());
  }
}
