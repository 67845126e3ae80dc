package org.asperity.job.scoring;

import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.asperity.job.testing.JobSerializerTestBase;

/** Forecasts keep every field through their serializer, and its snapshot restores it. */
class ForecastSerializerTest extends JobSerializerTestBase<Forecast> {
  @Override
  protected TypeSerializer<Forecast> createSerializer() {
    return new ForecastSerializer();
  }

  @Override
  protected Class<Forecast> getTypeClass() {
    return Forecast.class;
  }

  @Override
  protected Forecast[] getTestData() {
    return new Forecast[] {
      new Forecast(
          "net-a",
          1_900_000_000_000_000L,
          10.5,
          400,
          1e4,
          8.1,
          7.0,
          "v1",
          "abc",
          5,
          6,
          List.of("st03"),
          1_700_000_000_000L,
          null),
      new Forecast(
          "net-b",
          -1,
          Double.NaN,
          -0.0,
          Double.POSITIVE_INFINITY,
          0,
          0,
          "",
          "",
          0,
          0,
          List.of(),
          Long.MIN_VALUE,
          "slip deficit beyond the training range")
    };
  }
}
