package org.asperity.job.alerts;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
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
 */
public final class AlertPolicyFunction extends KeyedProcessFunction<String, Forecast, Alert> {
  private static final long serialVersionUID = 1L;

  private final AlertPolicy policy;
  private final MetricsEndpoint metricsEndpoint;

  private transient AlertStateMachine machine;
  private transient ValueState<AlertState> state;
  private transient JobMetrics metrics;

  public AlertPolicyFunction(AlertPolicy policy, MetricsEndpoint metricsEndpoint) {
    this.policy = policy;
    this.metricsEndpoint = metricsEndpoint;
  }

  @Override
  public void open(OpenContext context) {
    machine = new AlertStateMachine(policy);
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("alert", new AlertStateSerializer()));
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
  }
}
