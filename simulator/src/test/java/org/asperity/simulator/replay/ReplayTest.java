package org.asperity.simulator.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.file.CodecFactory;
import org.asperity.schemas.GnssObservation;
import org.asperity.simulator.ProgressListener;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.SimulationSummary;
import org.asperity.simulator.io.AvroFileSink;
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
    Path file = SharedData.gnss("LHAS.tenv3");
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
    Path file = SharedData.gnss("LHAS.tenv3");
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
    Path file = SharedData.gnss("LHAS.tenv3");
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

  @Test
  void simulatorFilesReplayInEpochOrderAcrossFiles(@TempDir Path dir) throws Exception {
    SimulationConfig a =
        SimulationConfig.builder().seed(3).durationYears(0.2).spinUpYears(50).build();
    SimulationConfig b = a.toBuilder().seed(4).start(a.start().plusSeconds(43_200)).build();
    SimulationSummary sa;
    try (AvroFileSink sink = new AvroFileSink(dir.resolve("a"), a, CodecFactory.nullCodec())) {
      sa = new Simulation(a).run(sink, ProgressListener.none());
    }
    try (AvroFileSink sink = new AvroFileSink(dir.resolve("b"), b, CodecFactory.nullCodec())) {
      new Simulation(b).run(sink, ProgressListener.none());
    }
    RejectLog rejects = new RejectLog(false);
    MergedReader merged =
        new MergedReader(
            List.of(
                GnssFiles.open(dir.resolve("a").resolve(AvroFileSink.OBSERVATIONS), null, rejects),
                GnssFiles.open(
                    dir.resolve("b").resolve(AvroFileSink.OBSERVATIONS), null, rejects)));
    ListSink sink = new ListSink();

    ReplaySummary summary =
        new Replay(merged, ReplayOptions.historicAsFastAsPossible(), rejects).run(sink, p -> {});

    assertTrue(summary.written() > sa.observations(), "both files replayed");
    for (int i = 1; i < sink.received.size(); i++) {
      assertTrue(
          !sink.received.get(i).getEpoch().isBefore(sink.received.get(i - 1).getEpoch()),
          "epoch order at " + i);
    }
    assertEquals(0, rejects.total());
  }
}
