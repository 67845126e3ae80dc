package org.asperity.bench.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.asperity.job.scoring.JobModel;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

/** The latency benchmark's built model: the job accepts it, and it ticks every second. */
class LatencyModelTest {

  @Test
  void ticksEverySecondOnTheDefaultModelsStations() throws Exception {
    JobModel defaultModel = JobModel.load(null);
    JobModel model = LatencyModel.on(defaultModel.featureSpec().layout());
    assertEquals(TimeUnits.MICROS_PER_SECOND, model.featureSpec().config().tickIntervalMicros());
    assertEquals(LatencyModel.CONFIG, model.featureSpec().config());
    assertEquals(
        defaultModel.featureSpec().layout().layoutHash(),
        model.featureSpec().layout().layoutHash());
    assertTrue(LatencyModel.describe(model).contains("NOT trained"));
  }
}
