package org.asperity.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.asperity.features.RegionLayout;
import org.asperity.job.LocalJob;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.job.testing.TestRegion;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.replay.GnssFiles;
import org.asperity.replay.KafkaObservationSink;
import org.asperity.replay.RejectLog;
import org.asperity.replay.Replay;
import org.asperity.replay.ReplayOptions;
import org.asperity.replay.ReplaySummary;
import org.asperity.replay.RepositoryData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real GNSS series flows through without errors: the NGL daily series of IGS station LHAS
 * (1995–2007), replayed historically, is valid input for a station no model names: every record is
 * read, none is dead-lettered, all are counted as unmodelled, and no forecast is made for its
 * network.
 */
class RealSeriesReplayIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final TopicNames TOPICS = TopicNames.defaults();

  @Test
  void theLhasSeriesIsAcceptedAndCountedAsUnmodelled(EmbeddedKafkaBroker broker) throws Exception {
    TestKafka kafka = new TestKafka(broker);
    try (TopicAdmin admin = TopicAdmin.connect(kafka.settings())) {
      admin.ensureTopics(TOPICS.all(), Duration.ofSeconds(30));
    }
    Path lhas = RepositoryData.gnss("LHAS.tenv3");
    ReplaySummary summary;
    try (KafkaObservationSink sink =
        new KafkaObservationSink(kafka.settings(), TOPICS.observations())) {
      summary =
          new Replay(
                  GnssFiles.open(lhas, null, new RejectLog(true)),
                  ReplayOptions.historicAsFastAsPossible(),
                  new RejectLog(true))
              .run(sink, p -> {});
    }
    long written = summary.written();
    assertEquals(3_631, written);

    RegionLayout layout = TestRegion.layout(3, 3, 7);
    JobMetrics metrics = JobMetrics.peek();
    double in = metrics.count("asperity.observations.in");
    double unmodelled = metrics.count("asperity.observations.unmodelled");
    double deadLetters = metrics.countAll("asperity.observations.dead.letter");
    try (LocalJob job =
        LocalJob.start(
            JobRuns.boundedReplay(kafka).build(),
            TestModels.jobModel(
                TestModels.rateSensitive(layout, TestRegion.CONFIG, "lhas-1", 25f)))) {
      job.awaitCompletion(Duration.ofMinutes(3));
    }
    assertEquals(written, metrics.count("asperity.observations.in") - in);
    assertEquals(written, metrics.count("asperity.observations.unmodelled") - unmodelled);
    assertEquals(0, metrics.countAll("asperity.observations.dead.letter") - deadLetters);
    assertTrue(kafka.readAll(TOPICS.observationsDeadLetter(), false).isEmpty());
    assertTrue(kafka.readAll(TOPICS.forecasts(), false).isEmpty());
    assertTrue(metrics.registry().find("asperity.stations.unmodelled").gauge().value() >= 1);
  }
}
