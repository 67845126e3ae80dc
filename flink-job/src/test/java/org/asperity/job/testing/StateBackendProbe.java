package org.asperity.job.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.asperity.job.JobTopology;
import org.asperity.job.scoring.Forecast;

/**
 * A keyed operator on the forecasts that records, at every (re)start, the class of the keyed state
 * backend it runs on: the job's keyed operators run on the same one, configured once.
 */
public final class StateBackendProbe extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<Forecast, Void> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();
  private final String run;

  private StateBackendProbe(String run) {
    this.run = run;
  }

  /** Attaches a probe for {@code run} to the built job. */
  public static void attach(JobTopology.Streams streams, String run) {
    streams
        .forecasts()
        .keyBy(Forecast::region, Types.STRING)
        .transform("state backend probe", Types.VOID, new StateBackendProbe(run));
  }

  /** The keyed state backends' classes (simple names) the probe of {@code run} ran on. */
  public static List<String> seen(String run) {
    return List.copyOf(SEEN.getOrDefault(run, List.of()));
  }

  @Override
  public void open() throws Exception {
    super.open();
    SEEN.computeIfAbsent(run, k -> new CopyOnWriteArrayList<>())
        .add(getKeyedStateBackend().getClass().getSimpleName());
  }

  @Override
  public void processElement(StreamRecord<Forecast> element) {}
}
