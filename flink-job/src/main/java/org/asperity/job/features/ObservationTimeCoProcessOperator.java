package org.asperity.job.features;

import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * A keyed two-input operator whose event time is its first input's alone: the second input (a side
 * table such as the catalog topic, silent for years or without partitions) never holds the
 * watermark, timers or downstream event time back. Flink's own operator would take the minimum of
 * both inputs' watermarks.
 */
public final class ObservationTimeCoProcessOperator<K, IN1, IN2, OUT>
    extends KeyedCoProcessOperator<K, IN1, IN2, OUT> {
  private static final long serialVersionUID = 1L;

  public ObservationTimeCoProcessOperator(KeyedCoProcessFunction<K, IN1, IN2, OUT> function) {
    super(function);
  }

  @Override
  public void processWatermark1(Watermark mark) throws Exception {
    processWatermark(mark);
  }

  @Override
  public void processWatermark2(Watermark mark) {
    // Event time is the first input's.
  }

  @Override
  protected void processWatermarkStatus(WatermarkStatus status, int inputId) {
    if (inputId == 0) {
      output.emitWatermarkStatus(status);
    }
  }
}
