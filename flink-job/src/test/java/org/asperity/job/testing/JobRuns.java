package org.asperity.job.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.asperity.features.FeatureVector;
import org.asperity.job.JobOptions;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.types.Micros;
import org.asperity.model.ModelArtifact;
import org.asperity.model.OnnxForecaster;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;

/** Options and output readers shared by the job's integration tests. */
public final class JobRuns {
  private JobRuns() {}

  /**
   * A bounded replay from the beginning, fast checkpoints, two restarts at most, no metrics
   * endpoint.
   */
  public static JobOptions.Builder boundedReplay(TestKafka kafka) {
    return JobOptions.builder(kafka.settings())
        .startingOffsets(JobOptions.StartingOffsets.EARLIEST)
        .bounded(true)
        .parallelism(2)
        .checkpointInterval(Duration.ofMillis(500))
        .restartAttempts(2)
        .metrics(MetricsEndpoint.disabled());
  }

  /** The forecasts on the topic, keyed region then window end (µs). */
  public static Map<String, TreeMap<Long, TtfForecast>> forecasts(TestKafka kafka, String topic)
      throws WireFormatException {
    Map<String, TreeMap<Long, TtfForecast>> out = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic, false)) {
      TtfForecast f = Codecs.TTF_FORECAST.decode(r.value());
      long end = Micros.of(f.getWindowEnd());
      out.computeIfAbsent(f.getRegion(), k -> new TreeMap<>()).put(end, f);
    }
    return out;
  }

  /** The committed alerts, in topic order. */
  public static List<TtfAlert> committedAlerts(TestKafka kafka, String topic)
      throws WireFormatException {
    List<TtfAlert> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic, true)) {
      out.add(Codecs.TTF_ALERT.decode(r.value()));
    }
    return out;
  }

  /** Offline scores of offline vectors (row-major, 4 per vector), one batch. */
  public static float[] score(byte[] onnx, List<FeatureVector> vectors) throws Exception {
    try (OnnxForecaster forecaster = OnnxForecaster.open(ModelArtifact.parse(onnx))) {
      int width = forecaster.featureCount();
      float[] rows = new float[vectors.size() * width];
      for (int i = 0; i < vectors.size(); i++) {
        System.arraycopy(vectors.get(i).valuesAsFloats(), 0, rows, i * width, width);
      }
      return forecaster.score(rows, vectors.size());
    }
  }
}
