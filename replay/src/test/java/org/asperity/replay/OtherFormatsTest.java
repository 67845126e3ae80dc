package org.asperity.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.asperity.schemas.GnssObservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PBO .pos 1.1 and SIO .neu, on files written to their documented layouts. */
class OtherFormatsTest {

  @Test
  void pboPosVersion11(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("AB11.pbo.nam08.pos");
    Files.writeString(
        file,
        String.join(
            "\n",
            "PBO Station Position Time Series. Reference Frame : NAM08",
            "Format Version: 1.1.0",
            "4-character ID: AB11",
            "Station name  : Nome_AnvilAK2006",
            "First Epoch   : 20060721 120000",
            "Last Epoch    : 20060723 120000",
            "Release Date  : 20070404 073140",
            "XYZ Reference position :  -2658010.23252  -693674.79470  5737338.58385 (NAM08)",
            "NEU Reference position :    64.5644967742  194.6265414893  349.44237 (NAM08/WGS84)",
            "Start Field Description",
            "YYYYMMDD      Year, month, day for the given position epoch",
            "End Field Description",
            "*YYYYMMDD HHMMSS JJJJJ.JJJJ         X             Y             Z            Sx        Sy       Sz     Rxy   Rxz    Ryz            NLat         Elong         Height         dN        dE        dU         Sn       Se       Su      Rne    Rnu    Reu  Soln",
            " 20060721 120000 53937.5000 -2658010.23592  -693674.79682  5737338.58572  0.00407  0.00260  0.00736  0.505 -0.677 -0.528      64.5644967558  194.6265415143  349.44631    -0.00264   0.00119   0.00333    0.00282  0.00219  0.00805 -0.006 -0.003  0.295 suppf",
            " 20060722 120000 53938.5000 -2658010.23592  -693674.79682  5737338.58572  0.00407  0.00260  0.00736  0.505 -0.677 -0.528      64.5644967558  194.6265415143  349.44631    -0.00164   0.00219   0.00433    0.00282  0.00000  0.00805 -0.006 -0.003  0.295 suppf",
            " 20060723 120000 53939.5000 -2658010.23592  -693674.79682  5737338.58572  0.00407  0.00260  0.00736  0.505 -0.677 -0.528      64.5644967558  194.6265415143  349.44631    -0.00064   0.00319   0.00533    0.00282  0.00219  0.00805 -0.006 -0.003  0.295 suppf"));
    RejectLog rejects = new RejectLog(false);

    List<GnssObservation> all = Readers.readAll(GnssFiles.open(file, null, rejects));

    assertEquals(2, all.size());
    assertEquals(1L, rejects.countsByReason().get("NON_POSITIVE_SIGMA"));
    GnssObservation first = all.get(0);
    assertEquals("AB11", first.getStation());
    assertEquals("PBO", first.getNetwork());
    assertEquals(Instant.parse("2006-07-21T12:00:00Z"), first.getEpoch());
    assertEquals(-0.00264, first.getNorthMeters());
    assertEquals(0.00119, first.getEastMeters());
    assertEquals(0.00333, first.getUpMeters());
    assertEquals(0.00219, first.getSigmaEastMeters());
    assertEquals(194.6265415143 - 360, first.getLongitudeDegrees(), 1e-9);
    assertEquals(Instant.parse("2006-07-23T12:00:00Z"), all.get(1).getEpoch());
  }

  @Test
  void pboPosWithoutStationIdIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("X.pos");
    Files.writeString(file, "*YYYYMMDD HHMMSS JJJJJ.JJJJ X\n 20060721 120000 53937.5 1\n");
    assertThrows(
        ReplayException.class,
        () -> Readers.readAll(GnssFiles.open(file, null, new RejectLog(false))));
  }

  @Test
  void sioNeu(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lhasCleanFlt.neu");
    Files.writeString(
        file,
        String.join(
            "\n",
            "# SOPAC time series",
            "# Site: LHAS",
            " 2004.0014 2004   1   0.0012  -0.0021   0.0040   0.0011   0.0012   0.0041",
            " 2004.0041 2004   2   0.0013  -0.0020   0.0031   0.0011   0.0012   0.0041",
            " 2004.0068 2004 367   0.0013  -0.0020   0.0031   0.0011   0.0012   0.0041"));
    RejectLog rejects = new RejectLog(false);

    List<GnssObservation> all = Readers.readAll(GnssFiles.open(file, null, rejects));

    assertEquals(2, all.size());
    assertEquals(1L, rejects.countsByReason().get("BAD_DATE"));
    assertEquals("LHAS", all.get(0).getStation());
    assertEquals("SIO", all.get(0).getNetwork());
    assertEquals(Instant.parse("2004-01-01T12:00:00Z"), all.get(0).getEpoch());
    assertEquals(0.0012, all.get(0).getNorthMeters());
    assertEquals(-0.0021, all.get(0).getEastMeters());
    assertEquals(0.0012, all.get(0).getSigmaEastMeters());
  }

  @Test
  void unknownExtensionIsAClearError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("series.csv");
    Files.writeString(file, "x");
    ReplayException e =
        assertThrows(ReplayException.class, () -> GnssFiles.open(file, null, new RejectLog(false)));
    assertEquals(true, e.getMessage().contains(".tenv3"));
  }
}
