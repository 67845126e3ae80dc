package org.asperity.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

  static final class ListSink implements ObservationSink {
    final List<GnssObservation> received = new ArrayList<>();

    @Override
    public void accept(GnssObservation observation) {
      received.add(GnssObservation.newBuilder(observation).build());
    }

    @Override
    public void close() {}
  }

  @Test
  void historicReplayOfTheRealSeriesKeepsEventTimes() throws Exception {
    Path file = RepositoryData.gnss("LHAS.tenv3");
    RejectLog rejects = new RejectLog(false);
    ListSink sink = new ListSink();

    ReplaySummary summary =
        new Replay(
                GnssFiles.open(file, null, rejects),
                ReplayOptions.historicAsFastAsPossible(),
                rejects)
            .run(sink, p -> {});

    assertEquals(summary.written(), sink.received.size());
    assertEquals(0, summary.rejected());
    assertEquals(1, summary.stations());
    assertEquals(Instant.parse("1995-05-19T12:00:00Z"), summary.firstEpoch());
    assertEquals(Instant.parse("2007-01-29T12:00:00Z"), summary.lastEpoch());
    assertEquals(0, summary.shiftSeconds());
  }

  @Test
  void shiftToNowMovesTheFirstEpochToNowAndKeepsSpacing() throws Exception {
    Path file = RepositoryData.gnss("LHAS.tenv3");
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    RejectLog rejects = new RejectLog(false);
    ListSink sink = new ListSink();
    ReplayOptions options =
        new ReplayOptions(true, Double.POSITIVE_INFINITY, Set.of(), null, null, now);

    new Replay(GnssFiles.open(file, null, rejects), options, rejects).run(sink, p -> {});

    assertEquals(now, sink.received.get(0).getEpoch());
    assertEquals(now.plusSeconds(86_400), sink.received.get(1).getEpoch());
  }

  @Test
  void stationAndTimeFiltersApplyToOriginalEventTimes() throws Exception {
    Path file = RepositoryData.gnss("LHAS.tenv3");
    RejectLog rejects = new RejectLog(false);
    ListSink sink = new ListSink();
    ReplayOptions options =
        new ReplayOptions(
            false,
            Double.POSITIVE_INFINITY,
            Set.of("LHAS"),
            Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("2000-02-01T00:00:00Z"),
            Instant.now());

    ReplaySummary summary =
        new Replay(GnssFiles.open(file, null, rejects), options, rejects).run(sink, p -> {});

    assertTrue(
        sink.received.size() > 20 && sink.received.size() <= 31,
        "January 2000: " + sink.received.size());
    sink.received.forEach(
        o -> assertTrue(o.getEpoch().toString().startsWith("2000-01"), o.getEpoch().toString()));
    assertEquals(summary.read(), summary.written() + summary.filtered());

    ListSink nobody = new ListSink();
    new Replay(
            GnssFiles.open(file, null, rejects),
            new ReplayOptions(
                false, Double.POSITIVE_INFINITY, Set.of("NONE"), null, null, Instant.now()),
            rejects)
        .run(nobody, p -> {});
    assertEquals(0, nobody.received.size());
  }

  /** An Avro container file of one station's observations at the given epochs. */
  private static Path avroFile(Path file, String station, List<Instant> epochs) throws Exception {
    try (DataFileWriter<GnssObservation> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(GnssObservation.class))) {
      writer.create(GnssObservation.getClassSchema(), file.toFile());
      for (Instant epoch : epochs) {
        writer.append(
            GnssObservation.newBuilder()
                .setStation(station)
                .setNetwork("NET")
                .setEpoch(epoch)
                .setEastMeters(0.001)
                .setNorthMeters(0.002)
                .setUpMeters(0.003)
                .setSigmaEastMeters(0.001)
                .setSigmaNorthMeters(0.001)
                .setSigmaUpMeters(0.003)
                .setSource(ObservationSource.SIMULATED)
                .build());
      }
    }
    return file;
  }

  @Test
  void avroFilesReplayInEpochOrderAcrossFiles(@TempDir Path dir) throws Exception {
    Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
    List<Instant> days = new ArrayList<>();
    List<Instant> halfDaysLater = new ArrayList<>();
    for (int d = 0; d < 50; d++) {
      days.add(t0.plusSeconds(86_400L * d));
      halfDaysLater.add(t0.plusSeconds(86_400L * d + 43_200));
    }
    RejectLog rejects = new RejectLog(false);
    MergedReader merged =
        new MergedReader(
            List.of(
                GnssFiles.open(avroFile(dir.resolve("a.avro"), "AAAA", days), null, rejects),
                GnssFiles.open(
                    avroFile(dir.resolve("b.avro"), "BBBB", halfDaysLater), null, rejects)));
    ListSink sink = new ListSink();

    ReplaySummary summary =
        new Replay(merged, ReplayOptions.historicAsFastAsPossible(), rejects).run(sink, p -> {});

    assertEquals(100, summary.written());
    assertEquals(2, summary.stations());
    for (int i = 0; i < sink.received.size(); i++) {
      assertEquals(t0.plusSeconds(43_200L * i), sink.received.get(i).getEpoch(), "epoch " + i);
      assertEquals(i % 2 == 0 ? "AAAA" : "BBBB", sink.received.get(i).getStation());
    }
    assertEquals(0, rejects.total());
  }
}
