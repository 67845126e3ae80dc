package org.asperity.schemas.wire;

import org.asperity.schemas.DeadLetter;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ModelRelease;
import org.asperity.schemas.SlipDeficitSample;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;

/** One codec per record type that travels on a topic. */
public final class Codecs {
  public static final SingleObjectCodec<GnssObservation> GNSS_OBSERVATION =
      SingleObjectCodec.of(GnssObservation.class);
  public static final SingleObjectCodec<SlipDeficitSample> SLIP_DEFICIT_SAMPLE =
      SingleObjectCodec.of(SlipDeficitSample.class);
  public static final SingleObjectCodec<EarthquakeEvent> EARTHQUAKE_EVENT =
      SingleObjectCodec.of(EarthquakeEvent.class);
  public static final SingleObjectCodec<TtfForecast> TTF_FORECAST =
      SingleObjectCodec.of(TtfForecast.class);
  public static final SingleObjectCodec<TtfAlert> TTF_ALERT = SingleObjectCodec.of(TtfAlert.class);
  public static final SingleObjectCodec<DeadLetter> DEAD_LETTER =
      SingleObjectCodec.of(DeadLetter.class);
  public static final SingleObjectCodec<ModelRelease> MODEL_RELEASE =
      SingleObjectCodec.of(ModelRelease.class);

  private Codecs() {}
}
