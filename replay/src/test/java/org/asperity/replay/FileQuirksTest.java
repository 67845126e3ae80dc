package org.asperity.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.asperity.schemas.GnssObservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as they come: byte-order marks, Latin-1 comments, CRLF line ends, repeated and unsorted
 * lines, and extensions that do not match the content.
 */
class FileQuirksTest {
  private static final String NEU_HEADER = "# SOPAC time series\n# Site: MUNC\n";
  private static final String[] NEU_LINES = {
    " 2004.0014 2004   1   0.0012  -0.0021   0.0040   0.0011   0.0012   0.0041",
    " 2004.0041 2004   2   0.0013  -0.0020   0.0031   0.0011   0.0012   0.0041",
    " 2004.0068 2004   3   0.0014  -0.0019   0.0032   0.0011   0.0012   0.0041",
    " 2004.0096 2004   4   0.0015  -0.0018   0.0033   0.0011   0.0012   0.0041"
  };

  private static List<GnssObservation> read(Path file, RejectLog rejects) throws Exception {
    return Readers.readAll(GnssFiles.open(file, null, rejects));
  }

  @Test
  void byteOrderMarkAndCrLfReadLikeThePlainFile(@TempDir Path dir) throws Exception {
    List<String> lhas = Files.readAllLines(RepositoryData.gnss("LHAS.tenv3")).subList(0, 6);
    Path plain = dir.resolve("LHAS.tenv3");
    Files.writeString(plain, String.join("\n", lhas) + "\n");
    Path windows = dir.resolve("LHAS-windows.tenv3");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.write((String.join("\r\n", lhas) + "\r\n").getBytes(StandardCharsets.UTF_8));
    Files.write(windows, bytes.toByteArray());

    List<GnssObservation> expected = read(plain, new RejectLog(true));
    RejectLog rejects = new RejectLog(true);
    List<GnssObservation> actual = read(windows, rejects);

    assertEquals(5, expected.size());
    assertEquals(expected, actual);
    assertTrue(rejects.notes().isEmpty(), rejects.notes().toString());
  }

  @Test
  void latin1CommentsAreReadAndNoted(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("muncCleanFlt.neu");
    String text =
        "# Station: M\u00fcnchen, Bayern\r\n" + NEU_HEADER + String.join("\r\n", NEU_LINES);
    Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
    RejectLog rejects = new RejectLog(true);

    List<GnssObservation> all = read(file, rejects);

    assertEquals(4, all.size());
    assertEquals("MUNC", all.get(0).getStation());
    assertEquals(-0.0018, all.get(3).getEastMeters());
    assertTrue(
        rejects.notes().stream().anyMatch(n -> n.contains("ISO-8859-1")),
        rejects.notes().toString());
  }

  @Test
  void unsortedLinesAreSortedAndRepeatedEpochsDroppedAndCounted(@TempDir Path dir)
      throws Exception {
    List<String> lines = new ArrayList<>(List.of(NEU_LINES));
    Collections.reverse(lines);
    // Day 2 again with other values, and day 3 again unchanged: the first in the file wins.
    lines.add(" 2004.0041 2004   2   0.9999  -0.9999   0.9999   0.0011   0.0012   0.0041");
    lines.add(NEU_LINES[2]);
    Path file = dir.resolve("muncCleanFlt.neu");
    Files.writeString(file, NEU_HEADER + String.join("\n", lines));
    RejectLog rejects = new RejectLog(true); // strict: dropping a duplicate is not an error
    RecordingSink sink = new RecordingSink();

    ReplaySummary summary =
        new Replay(
                GnssFiles.open(file, null, rejects),
                ReplayOptions.historicAsFastAsPossible(),
                rejects)
            .run(sink, p -> {});

    assertEquals(4, sink.received.size());
    for (int day = 1; day <= 4; day++) {
      assertEquals(
          Instant.parse("2004-01-0" + day + "T12:00:00Z"), sink.received.get(day - 1).getEpoch());
    }
    assertEquals(0.0013, sink.received.get(1).getNorthMeters());
    assertEquals(6, summary.read());
    assertEquals(4, summary.written());
    assertEquals(0, summary.rejected());
    assertEquals(2, summary.dropped());
    assertEquals(2L, summary.dropsByReason().get("DUPLICATE_EPOCH"));
    assertEquals(2L, rejects.skippedByReason().get("DUPLICATE_EPOCH"));
    String text = summary.toString();
    assertTrue(text.contains("2 dropped"), text);
    assertTrue(text.contains("DUPLICATE_EPOCH=2"), text);
    assertTrue(text.contains("sorted by epoch"), text);
  }

  @Test
  void theContentDecidesWhenTheExtensionLies(@TempDir Path dir) throws Exception {
    // RTKLIB and SIO files named as other formats, and a SIO series whose '#' header is PBO's.
    Path rtklib = dir.resolve("rover.tenv3");
    Files.copy(RealFormatsTest.real("rover.pos"), rtklib);
    Path track = dir.resolve("p066.neu");
    Files.copy(RealFormatsTest.real("p066.trk"), track);
    Path sio = dir.resolve("USUD.pos");
    Files.copy(RealFormatsTest.real("USUD.icd.final_igs08.pos.neu"), sio);

    RejectLog rejects = new RejectLog(true);
    assertEquals(63, read(rtklib, rejects).size());
    assertEquals("RTKLIB", read(rtklib, new RejectLog(true)).get(0).getNetwork());
    assertTrue(
        rejects.notes().stream()
            .anyMatch(n -> n.contains("content is RTKLIB .pos") && n.contains("NGL .tenv3")),
        rejects.notes().toString());
    assertEquals(GnssFiles.Format.GAMIT_TRACK, GnssFiles.detect(track));
    assertEquals(1104, read(track, new RejectLog(true)).size());
    assertEquals(GnssFiles.Format.SIO_NEU, GnssFiles.detect(sio));
    assertEquals(5183, read(sio, new RejectLog(true)).size());
  }

  @Test
  void anUnknownFormatIsRefusedWithWhatWasLookedFor(@TempDir Path dir) throws Exception {
    Path pos = dir.resolve("series.pos");
    Files.writeString(pos, "time,east,north,up\n2020-01-01,0.1,0.2,0.3\n");
    ReplayException e =
        assertThrows(ReplayException.class, () -> GnssFiles.open(pos, null, new RejectLog(false)));
    assertTrue(e.getMessage().contains("not recognised from its content"), e.getMessage());
    assertTrue(
        e.getMessage().contains("RTKLIB") && e.getMessage().contains("TRACK"), e.getMessage());
    Path empty = dir.resolve("empty.neu");
    Files.writeString(empty, "\uFEFF\r\n");
    assertThrows(ReplayException.class, () -> GnssFiles.open(empty, null, new RejectLog(false)));
  }

  @Test
  void rtklibSinglePointSolutionsAreRejectedWithTheirReason(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("spp.pos");
    Files.writeString(
        file,
        String.join(
            "\n",
            "% program   : RTKLIB ver.2.4.3",
            "% (lat/lon/height=WGS84/ellipsoidal,Q=1:fix,2:float,3:sbas,4:dgps,5:single,6:ppp,ns=# of satellites)",
            "%  UTC                   latitude(deg) longitude(deg)  height(m)   Q  ns   sdn(m)   sde(m)   sdu(m)  sdne(m)  sdeu(m)  sdun(m) age(s)  ratio",
            "2023/07/11 06:04:30.000   35.165393934  136.881442407    39.6452   5  20   3.4239   3.9531   8.3145   1.5390   1.6229  -1.1829   0.00    0.0",
            "2023/07/11 06:04:31.000   35.165393934  136.881442407    39.6452   6  20   0.0300   0.0300   0.0600   0.0000   0.0000   0.0000   0.00    0.0",
            "2023/07/11 06:04:32.000   35.165393934  136.881442407    39.6452   0  20   0.0300   0.0300   0.0600   0.0000   0.0000   0.0000   0.00    0.0",
            "2023/07/11 06:04:33.000   35.16539x934  136.881442407    39.6452   1  20   0.0300   0.0300   0.0600"));
    RejectLog rejects = new RejectLog(false);

    List<GnssObservation> all = read(file, rejects);

    assertEquals(1, all.size());
    assertEquals(Instant.parse("2023-07-11T06:04:31Z"), all.get(0).getEpoch()); // UTC, as read
    assertEquals("SPP", all.get(0).getStation());
    assertEquals(1L, rejects.countsByReason().get("RTKLIB_SINGLE_POINT"));
    assertEquals(1L, rejects.countsByReason().get("RTKLIB_QUALITY"));
    assertEquals(1L, rejects.countsByReason().get("NOT_A_NUMBER"));
  }

  /**
   * Every real file with every fifth data line mangled (cut short, a letter in a number, a field
   * doubled): no reader stops, and every data line is read, rejected or dropped.
   */
  @Test
  void mangledLinesNeverStopAReader(@TempDir Path dir) throws Exception {
    for (String name :
        List.of(
            "USUD.icd.final_igs08.pos.neu",
            "p066.trk",
            "demo1_out.pos",
            "rover_rtk.pos",
            "rover.pos",
            "rtk_c_ref.pos")) {
      List<String> lines = Files.readAllLines(RealFormatsTest.real(name));
      List<String> mangled = new ArrayList<>();
      long data = 0;
      for (String line : lines) {
        boolean header = line.isBlank() || "#%*".indexOf(line.charAt(0)) >= 0;
        if (!header) {
          data++;
          line =
              switch ((int) (data % 15)) {
                case 0 -> line.substring(0, line.length() / 3);
                case 5 -> line.replaceFirst("\\d", "x");
                case 10 -> line.replaceFirst("(\\S+)", "$1 $1");
                default -> line;
              };
        }
        mangled.add(line);
      }
      Path file = dir.resolve(name);
      Files.write(file, mangled);
      RejectLog rejects = new RejectLog(false);

      List<GnssObservation> all = read(file, rejects);

      assertTrue(rejects.total() >= data / 15, name + " " + rejects.countsByReason());
      assertEquals(data, all.size() + rejects.total() + rejects.dropped(), name);
    }
  }

  /** Two overlapping files of one station: the overlap is replayed once, from the first file. */
  @Test
  void overlappingFilesOfOneStationReplayEachEpochOnce(@TempDir Path dir) throws Exception {
    Path early = dir.resolve("munc-early.neu");
    Files.writeString(
        early, NEU_HEADER + String.join("\n", NEU_LINES[0], NEU_LINES[1], NEU_LINES[2]));
    Path late = dir.resolve("munc-late.neu");
    Files.writeString(
        late,
        NEU_HEADER
            + String.join(
                "\n",
                " 2004.0041 2004   2   0.9999  -0.9999   0.9999   0.0011   0.0012   0.0041",
                NEU_LINES[2],
                NEU_LINES[3]));
    RejectLog rejects = new RejectLog(true);
    RecordingSink sink = new RecordingSink();
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    ReplayOptions shifted =
        new ReplayOptions(true, Double.POSITIVE_INFINITY, java.util.Set.of(), null, null, now);

    ReplaySummary summary =
        new Replay(
                new MergedReader(
                    List.of(
                        GnssFiles.open(early, null, rejects), GnssFiles.open(late, null, rejects)),
                    rejects),
                shifted,
                rejects)
            .run(sink, p -> {});

    assertEquals(4, summary.written());
    assertEquals(2, summary.dropped());
    assertEquals(0.0013, sink.received.get(1).getNorthMeters());
    assertEquals(now.plusSeconds(3 * 86_400), sink.received.get(3).getEpoch());
    assertTrue(
        rejects.dropExamples().get(0).detail().contains("munc-early.neu"),
        rejects.dropExamples().toString());
  }

  private static final class RecordingSink implements ObservationSink {
    final List<GnssObservation> received = new ArrayList<>();

    @Override
    public void accept(GnssObservation observation) {
      received.add(GnssObservation.newBuilder(observation).build());
    }

    @Override
    public void close() {}
  }
}
