package org.asperity.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.asperity.schemas.GnssObservation;
import org.junit.jupiter.api.Test;

/**
 * Every reader on real files from public repositories (provenance, licences and checksums in {@code
 * src/test/resources/real/README.md}): the format told by content, every line read or accounted
 * for, values checked against the file's own lines.
 */
class RealFormatsTest {

  static Path real(String name) throws Exception {
    return Path.of(RealFormatsTest.class.getResource("/real/" + name).toURI());
  }

  private static long dataLines(Path file, String commentPrefix) throws Exception {
    return Files.readAllLines(file).stream()
        .filter(l -> !l.isBlank() && !l.startsWith(commentPrefix))
        .count();
  }

  private static void assertIncreasing(List<GnssObservation> all) {
    for (int i = 1; i < all.size(); i++) {
      assertTrue(
          all.get(i).getEpoch().isAfter(all.get(i - 1).getEpoch()), "epochs increase at " + i);
    }
  }

  /**
   * SOPAC's 14-year Usuda series starts with a line of its second year: all 5,183 epochs are read
   * and sorted, none rejected, and the summary says the file was sorted.
   */
  @Test
  void sioNeuWhoseFirstLineIsOutOfOrderIsReadWhole() throws Exception {
    Path file = real("USUD.icd.final_igs08.pos.neu");
    assertEquals(GnssFiles.Format.SIO_NEU, GnssFiles.detect(file));
    RejectLog rejects = new RejectLog(true);

    List<GnssObservation> all = Readers.readAll(GnssFiles.open(file, null, rejects));

    assertEquals(5183, dataLines(file, "#"));
    assertEquals(5183, all.size());
    assertEquals(0, rejects.total());
    assertEquals(0, rejects.dropped());
    assertTrue(
        rejects.notes().stream().anyMatch(n -> n.contains("334 lines") && n.contains("sorted")),
        rejects.notes().toString());
    assertIncreasing(all);
    GnssObservation first = all.get(0);
    assertEquals("USUD", first.getStation());
    assertEquals("SIO", first.getNetwork());
    // " 1999.0014 1999   1        0.05781       -0.07425        0.00044   0.00615   0.00800 ..."
    assertEquals(Instant.parse("1999-01-01T12:00:00Z"), first.getEpoch());
    assertEquals(0.05781, first.getNorthMeters());
    assertEquals(-0.07425, first.getEastMeters());
    assertEquals(0.00800, first.getSigmaEastMeters());
    assertEquals(36.1331104696, first.getLatitudeDegrees(), 1e-10);
    assertEquals(138.3620443420, first.getLongitudeDegrees(), 1e-10);
    assertEquals(Instant.parse("2013-09-13T12:00:00Z"), all.get(all.size() - 1).getEpoch());
  }

  /** PBO's 5 Hz TRACK solution of P066 on 2010-04-04, GPS time (15 leap seconds then). */
  @Test
  void gamitTrackNeu() throws Exception {
    Path file = real("p066.trk");
    assertEquals(GnssFiles.Format.GAMIT_TRACK, GnssFiles.detect(file));
    RejectLog rejects = new RejectLog(true);

    List<GnssObservation> all = Readers.readAll(GnssFiles.open(file, null, rejects));

    assertEquals(dataLines(file, "*"), all.size());
    assertEquals(1104, all.size());
    assertIncreasing(all);
    GnssObservation first = all.get(0);
    assertEquals("P066", first.getStation());
    assertEquals("TRACK", first.getNetwork());
    // " 2010  4  4 22 40  26.000  -0.5923 0.0223  1.2486 0.0169  0.7779 0.0602 ..."
    assertEquals(Instant.parse("2010-04-04T22:40:11Z"), first.getEpoch());
    assertEquals(-0.5923, first.getNorthMeters());
    assertEquals(0.0223, first.getSigmaNorthMeters());
    assertEquals(1.2486, first.getEastMeters());
    assertEquals(0.0169, first.getSigmaEastMeters());
    assertEquals(0.7779, first.getUpMeters());
    assertEquals(0.0602, first.getSigmaUpMeters());
    assertEquals(Instant.parse("2010-04-04T22:40:11.200Z"), all.get(1).getEpoch());
    // The file's last line has no line end.
    assertEquals(Instant.parse("2010-04-04T22:43:51.600Z"), all.get(all.size() - 1).getEpoch());
  }

  /** rnx2rtkp's east/north/up baseline output of RTKLIB's demo 1 (Q=1 and Q=2 epochs). */
  @Test
  void rtklibEnuBaselines() throws Exception {
    Path file = real("demo1_out.pos");
    assertEquals(GnssFiles.Format.RTKLIB_POS, GnssFiles.detect(file));
    RejectLog rejects = new RejectLog(true);

    List<GnssObservation> all = Readers.readAll(GnssFiles.open(file, null, rejects));

    assertEquals(300, all.size());
    assertIncreasing(all);
    GnssObservation first = all.get(0);
    assertEquals("EBAY", first.getStation()); // "% inp file  : ..\ebay.obs"
    assertEquals("RTKLIB", first.getNetwork());
    // "2015/12/14 17:24:57.000  -0.6970  0.1185  -2.5211   2  14   1.3662   1.5742   3.4640 ..."
    assertEquals(Instant.parse("2015-12-14T17:24:40Z"), first.getEpoch());
    assertEquals(-0.6970, first.getEastMeters());
    assertEquals(0.1185, first.getNorthMeters());
    assertEquals(-2.5211, first.getUpMeters());
    assertEquals(1.3662, first.getSigmaEastMeters());
    assertEquals(1.5742, first.getSigmaNorthMeters());
    assertEquals(3.4640, first.getSigmaUpMeters());
    // "% ref pos   : 40.086179918-105.206044414 1575.6355": the base, under a metre away.
    assertEquals(40.086179918, first.getLatitudeDegrees(), 1e-5);
    assertEquals(-105.206044414, first.getLongitudeDegrees(), 1e-5);
  }

  /**
   * RTKPOST's lat/lon/height output with a base ({@code ref pos}): displacements from the base in
   * its local frame, checked against the meridian and prime-vertical radii of curvature.
   */
  @Test
  void rtklibLatLonHeightFromTheReferencePosition() throws Exception {
    Path file = real("rover_rtk.pos");
    assertEquals(GnssFiles.Format.RTKLIB_POS, GnssFiles.detect(file));
    RejectLog rejects = new RejectLog(true);

    List<GnssObservation> all = Readers.readAll(GnssFiles.open(file, null, rejects));

    assertEquals(301, all.size());
    GnssObservation first = all.get(0);
    assertEquals("ROVER", first.getStation());
    // "2024/06/24 08:20:00.000   35.134699011  136.977575483   104.8619   1  42   0.0024 0.0024
    // 0.0069" from "% ref pos   : 35.134707705  136.977577939   104.8530"
    assertEquals(Instant.parse("2024-06-24T08:19:42Z"), first.getEpoch());
    double lat = Math.toRadians(35.134707705);
    double a = 6378137.0;
    double e2 = 0.00669437999014;
    double w = Math.sqrt(1 - e2 * Math.sin(lat) * Math.sin(lat));
    double meridian = a * (1 - e2) / (w * w * w);
    double primeVertical = a / w;
    assertEquals(
        Math.toRadians(35.134699011 - 35.134707705) * meridian, first.getNorthMeters(), 2e-4);
    assertEquals(
        Math.toRadians(136.977575483 - 136.977577939) * primeVertical * Math.cos(lat),
        first.getEastMeters(),
        2e-4);
    assertEquals(104.8619 - 104.8530, first.getUpMeters(), 2e-4);
    assertEquals(0.0024, first.getSigmaNorthMeters());
    assertEquals(0.0069, first.getSigmaUpMeters());
    assertEquals(35.134699011, first.getLatitudeDegrees(), 1e-9);
  }

  /** GPS week and seconds, no header but the column line, no reference: from the first epoch. */
  @Test
  void rtklibGpsWeekTimesFromTheFirstEpoch() throws Exception {
    Path file = real("rover.pos");
    assertEquals(GnssFiles.Format.RTKLIB_POS, GnssFiles.detect(file));
    RejectLog rejects = new RejectLog(true);

    List<GnssObservation> all = Readers.readAll(GnssFiles.open(file, null, rejects));

    assertEquals(63, all.size());
    GnssObservation first = all.get(0);
    assertEquals("ROVER", first.getStation()); // from the file name
    // "2137 422922.000": 2020-12-24 21:28:42 GPST, 18 s ahead of UTC.
    assertEquals(Instant.parse("2020-12-24T21:28:24Z"), first.getEpoch());
    assertEquals(0.0, first.getEastMeters());
    assertEquals(0.0, first.getUpMeters());
    assertEquals(7.1280, first.getSigmaEastMeters());
    assertEquals(1.8441, first.getSigmaNorthMeters());
    // "2137 422984.000   40.097020941 -105.147247298  1578.7477": 1578.7477 - 1578.7073 up.
    GnssObservation last = all.get(all.size() - 1);
    assertEquals(Instant.parse("2020-12-24T21:29:26Z"), last.getEpoch());
    assertEquals(1578.7477 - 1578.7073, last.getUpMeters(), 1e-3);
  }

  /**
   * rnx2rtkp's ECEF output: a rotation keeps lengths and the covariance's trace, which checks the
   * displacement from {@code ref pos} and the sigmas without the reader's own formulas; the line
   * with {@code sdz 0.0000} is rejected.
   */
  @Test
  void rtklibEcefRotatedToEastNorthUp() throws Exception {
    Path file = real("rtk_c_ref.pos");
    assertEquals(GnssFiles.Format.RTKLIB_POS, GnssFiles.detect(file));
    RejectLog rejects = new RejectLog(false);

    List<GnssObservation> all = Readers.readAll(GnssFiles.open(file, null, rejects));

    assertEquals(239, all.size());
    assertEquals(1L, rejects.countsByReason().get("NON_POSITIVE_SIGMA"));
    assertEquals("line 14", rejects.examples().get(0).location());
    GnssObservation first = all.get(0);
    assertEquals(Instant.parse("2026-06-07T17:00:00Z"), first.getEpoch());
    // "-492867.5990 5551484.5322 3092902.6159 ... 2.2699 4.4585 3.1955" from
    // "% ref pos   :   -493099.3671   5551412.6391   3092558.0152"
    double dx = -492867.5990 - -493099.3671;
    double dy = 5551484.5322 - 5551412.6391;
    double dz = 3092902.6159 - 3092558.0152;
    assertEquals(
        Math.sqrt(dx * dx + dy * dy + dz * dz),
        Math.sqrt(
            first.getEastMeters() * first.getEastMeters()
                + first.getNorthMeters() * first.getNorthMeters()
                + first.getUpMeters() * first.getUpMeters()),
        1e-6);
    double trace = 2.2699 * 2.2699 + 4.4585 * 4.4585 + 3.1955 * 3.1955;
    assertEquals(
        trace,
        first.getSigmaEastMeters() * first.getSigmaEastMeters()
            + first.getSigmaNorthMeters() * first.getSigmaNorthMeters()
            + first.getSigmaUpMeters() * first.getSigmaUpMeters(),
        1e-9);
    // The rover is about 440 m from the base, mostly north and up (latitude 29 N).
    assertTrue(first.getNorthMeters() > 0, "north " + first.getNorthMeters());
  }
}
