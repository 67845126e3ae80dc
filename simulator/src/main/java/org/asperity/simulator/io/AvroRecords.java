package org.asperity.simulator.io;

import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.RuptureKind;
import org.asperity.schemas.SlipDeficitSample;
import org.asperity.simulator.AsperityStates;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.EpochObservations;
import org.asperity.simulator.StaticModel;
import org.asperity.simulator.TimeAxis;
import org.asperity.simulator.gnss.Station;
import org.asperity.simulator.physics.AsperitySpec;

/** Conversion of the simulator's primitive-array output to the Avro records of the streams. */
public final class AvroRecords {
  private AvroRecords() {}

  /** The observation of one station at one epoch (the station must be present at that epoch). */
  public static GnssObservation gnssObservation(
      Station station, String network, long epochMicros, EpochObservations o) {
    int s = station.index();
    return GnssObservation.newBuilder()
        .setStation(station.code())
        .setNetwork(network)
        .setEpoch(TimeAxis.instant(epochMicros))
        .setEastMeters(o.eastMeters()[s])
        .setNorthMeters(o.northMeters()[s])
        .setUpMeters(o.upMeters()[s])
        .setSigmaEastMeters(o.sigmaEastMeters()[s])
        .setSigmaNorthMeters(o.sigmaNorthMeters()[s])
        .setSigmaUpMeters(o.sigmaUpMeters()[s])
        .setSource(ObservationSource.SIMULATED)
        .setLatitudeDegrees(station.latitudeDegrees())
        .setLongitudeDegrees(station.longitudeDegrees())
        .build();
  }

  /** The true state of one asperity at one epoch. */
  public static SlipDeficitSample slipDeficitSample(
      StaticModel model, String region, int asperity, long epochMicros, AsperityStates states) {
    AsperitySpec spec = model.asperities().get(asperity).spec();
    return SlipDeficitSample.newBuilder()
        .setRegion(region)
        .setAsperity(spec.name())
        .setEpoch(TimeAxis.instant(epochMicros))
        .setSlipDeficitMeters(states.slipDeficitMeters()[asperity])
        .setShearStressMegapascals(states.shearStressMegapascals()[asperity])
        .setStrengthMegapascals(states.strengthMegapascals()[asperity])
        .setCenterAlongStrikeKilometers(spec.centerAlongStrikeKm())
        .setCenterDownDipKilometers(spec.centerDownDipKm())
        .build();
  }

  public static EarthquakeEvent earthquakeEvent(Earthquake e) {
    return EarthquakeEvent.newBuilder()
        .setEventId(e.eventId())
        .setRegion(e.regionId())
        .setOnset(TimeAxis.instant(e.onsetEpochMicros()))
        .setMomentMagnitude(e.momentMagnitude())
        .setSeismicMomentNewtonMeters(e.seismicMomentNewtonMeters())
        .setAsperities(e.asperities())
        .setRuptureKind(e.fullMargin() ? RuptureKind.FULL_MARGIN : RuptureKind.PARTIAL)
        .setRuptureStartAlongStrikeKilometers(e.ruptureStartAlongStrikeKm())
        .setRuptureEndAlongStrikeKilometers(e.ruptureEndAlongStrikeKm())
        .setRuptureAreaSquareKilometers(e.ruptureAreaSquareKm())
        .setMeanSlipMeters(e.meanSlipMeters())
        .setMaxSlipMeters(e.maxSlipMeters())
        .build();
  }
}
