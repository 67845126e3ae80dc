package org.asperity.job.alerts;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.scoring.Forecast;

/**
 * The alert policy per region (key: region). Forecasts of one region arrive in tick order (one
 * region operator subtask emits them in order, scoring keeps it, and one keyed channel carries them
 * here), and the state machine's state is keyed state: the alert stream is a pure function of the
 * forecasts, across restarts too.
 *
 * <p>A region without a forecast for the retirement period (event time, the stations' setting) has
 * its alert state cleared and its gauges removed; a later forecast starts it at CLEAR, as a new
 * region. Only that silence retires a region, so a live region's alerts never change.
 */
public final class AlertPolicyFunction extends KeyedProcessFunction<String, Forecast, Alert> {
  private static final long serialVersionUID = 1L;

  private final AlertPolicy policy;
  private final long retirementSilenceMicros;
  private final MetricsEndpoint metricsEndpoint;

  private transient AlertStateMachine machine;
  private transient ValueState<AlertState> state;

  /** The latest forecast's window end, µs; apart from {@link AlertState} to keep its format. */
  private transient ValueState<Long> lastWindowEnd;

  /** When the retirement check fires, µs. */
  private transient ValueState<Long> retirementTimer;

  private transient JobMetrics metrics;

  /**
   * @param retirementSilenceMicros event-time silence after which a region's state is cleared, µs
   */
  public AlertPolicyFunction(
      AlertPolicy policy, long retirementSilenceMicros, MetricsEndpoint metricsEndpoint) {
    if (retirementSilenceMicros <= 0) {
      throw new IllegalArgumentException("the retirement silence must be positive");
    }
    this.policy = policy;
    this.retirementSilenceMicros = retirementSilenceMicros;
    this.metricsEndpoint = metricsEndpoint;
  }

  @Override
  public void open(OpenContext context) {
    machine = new AlertStateMachine(policy);
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("alert", new AlertStateSerializer()));
    lastWindowEnd =
        getRuntimeContext().getState(new ValueStateDescriptor<>("alert-last-window", Types.LONG));
    retirementTimer =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("alert-retirement-timer", Types.LONG));
    metrics = JobMetrics.acquire(metricsEndpoint);
  }

  @Override
  public void close() {
    metrics = JobMetrics.releaseHeld(metrics);
  }

  @Override
  public void processElement(Forecast forecast, Context context, Collector<Alert> out)
      throws Exception {
    AlertState current = state.value();
    if (current == null) {
      current = new AlertState();
    }
    Alert alert = machine.next(current, forecast);
    state.update(current);
    metrics.alertLevel(forecast.region(), current.level());
    if (alert != null) {
      metrics.alert(alert.level(), alert.action());
      out.collect(alert);
    }
    Long last = lastWindowEnd.value();
    if (last == null || forecast.windowEndMicros() > last) {
      lastWindowEnd.update(forecast.windowEndMicros());
    }
    if (retirementTimer.value() == null) {
      long at = saturatedAdd(lastWindowEnd.value(), retirementSilenceMicros);
      context.timerService().registerEventTimeTimer(at);
      retirementTimer.update(at);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<Alert> out)
      throws Exception {
    Long retireAt = retirementTimer.value();
    if (retireAt == null || timestamp != retireAt) {
      return;
    }
    long silentUntil = saturatedAdd(lastWindowEnd.value(), retirementSilenceMicros);
    if (timestamp >= silentUntil) {
      state.clear();
      lastWindowEnd.clear();
      retirementTimer.clear();
      metrics.regionRetired(context.getCurrentKey());
      return;
    }
    context.timerService().registerEventTimeTimer(silentUntil);
    retirementTimer.update(silentUntil);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
