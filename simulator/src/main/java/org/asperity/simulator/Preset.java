package org.asperity.simulator;

import java.util.List;
import org.asperity.geodesy.FaultPlane;
import org.asperity.geodesy.GeodeticPoint;
import org.asperity.simulator.gnss.NetworkLayout;
import org.asperity.simulator.physics.AsperitySpec;
import org.asperity.simulator.physics.CycleParameters;
import org.asperity.simulator.physics.Variability;

/**
 * Ready-made regions.
 *
 * <p>All use a Chile-like megathrust: trench along north at the local origin (36 S, 74.2 W), plane
 * dipping 15 degrees east under the continent from 5 km depth, 500 km along strike and 150 km down
 * dip (to about 44 km depth), 66 mm/yr convergence (Nazca-South America), 5 km patches, the coast
 * 100 km landward of the trench with 25 coastal and 75 inland stations.
 */
public enum Preset {
  /**
   * The nature preset's megathrust, asperities and network with every source of irregularity that
   * the literature documents, each value fixed from its source (see {@link #VARIABLE_CYCLE}):
   * per-cycle strength, per-rupture stress drop (variable slip, overshoot and undershoot), slow
   * fluctuations of each asperity's loading rate, logarithmic afterslip after every rupture, and
   * slow slip events on a deeper patch. Precursory decoupling is off (see {@link
   * #PRECURSOR_WHEN_ON}): the forecast then has no planted precursor to find. The default for
   * training.
   */
  VARIABLE,
  /**
   * Three asperities: two large ones (75 x 40 km and 65 x 35 km semi-axes, loading periods of about
   * 67 and 59 years) separated by a 37.5 km barrier that holds a small, 40 % coupled asperity (7.5
   * km) which fails on its own (Mw 6.4) and relays ruptures between the large ones. Over 200 cycles
   * (about 6000 years, mean recurrence 30 years, large events every 45): about half of the large
   * events break one large asperity (with the relay: Mw 7.9 or 8.05), the others both (Mw 8.2, a
   * third of all events); region recurrence CoV 0.45-0.52, large-event CoV 0.37-0.39, site CoV of
   * the large asperities 0.12 (0.03 without interaction). The same with the strength noise off: the
   * irregularity is the interaction's.
   */
  NATURE,
  /**
   * Two asperities of equal size (60 x 40 km semi-axes, 40 km barrier), as in the analog
   * experiments of Corbi et al. (2019) and Rosenau et al. (2019): solo ruptures (Mw ~8.0) and
   * double ruptures (Mw ~8.2). The second is 90 % coupled, which detunes the pair by 10 % in period
   * as any two real asperities are: two identical oscillators would stay in step forever once a
   * double rupture has synchronised them. Over 200 cycles: about 80 % solo ruptures, 20 % doubles,
   * recurrence CoV 0.44, with or without noise.
   */
  LAB;

  static final GeodeticPoint ORIGIN = new GeodeticPoint(-36.0, -74.2);
  static final FaultPlane FAULT = new FaultPlane(0.0, -250.0, 0.0, 15.0, 5.0, 500.0, 150.0);
  static final CycleParameters CYCLE =
      new CycleParameters(3.0e10, 0.25, 0.066, 10.0, 0.03, 1.0, 2.75, 10.0, 0.25, 0.9, 0.3, 1.0);

  /**
   * Precursory decoupling, when switched on (an ablation, {@link Ingredient#PRECURSOR}): off by
   * default because the evidence is mixed. Slow slip preceded some well-recorded megathrust events
   * (Iquique 2014: Ruiz et al. 2014, Science 345:1165; Tohoku 2011: Kato et al. 2012, Science
   * 335:705), but others that were as well recorded had no detectable geodetic precursor (Illapel
   * 2015 and Maule 2010; see the review of Bürgmann 2018, EPSL 495:112), and a stacked search for a
   * precursory phase in high-rate GNSS before 90 Mw 7+ events (Bletery and Nocquet 2023, Science
   * 381:297) was disputed as noise (Bradley and Hubbard 2024, Seismica). When on, half of the
   * cycles (the mixed record) have one, starting at 80-98 % of the strength excess and reaching up
   * to 30 % decoupling (the fixed values of the nature preset as the upper end).
   */
  public static final Variability.Precursor PRECURSOR_WHEN_ON =
      new Variability.Precursor(0.5, 0.8, 0.98, 0.3);

  /**
   * The variable preset's further sources of irregularity; each value and its source:
   *
   * <ul>
   *   <li>stress drop per rupture log-normal, sigma 0.35 (a factor of 2 at 2 sigma): repeated
   *       ruptures of one megathrust segment differ in slip by about a factor of two (Sumatra's
   *       Mentawai segment, Sieh et al. 2008, Science 322:1674; south-central Chile, Cisternas et
   *       al. 2005, Nature 437:404), and so do the stress drops of repeating earthquakes of one
   *       patch (Parkfield, Abercrombie 2014, GRL 41:8784);
   *   <li>loading-rate fluctuation, 10 % (1 sigma) with a 10-year correlation time: interseismic
   *       coupling and GNSS velocities above megathrusts change by ten to tens of percent over
   *       years to decades (Japan, Loveless and Meade 2016, EPSL 436:19; Heki and Mitsui 2013, EPSL
   *       363:44; Chile, Melnick et al. 2017, GRL 44:784);
   *   <li>afterslip after every rupture, {@code u = a ln(1 + t / tau)} (Marone et al. 1991, JGR
   *       96:8441): first-year afterslip a median 20 % of the coseismic slip (log-sigma 0.5, i.e.
   *       about 7-55 % at 2 sigma), tau log-uniform between 1 and 30 days, for 10 years; the
   *       afterslip of megathrust events releases typically 10-50 % or more of the coseismic moment
   *       in the first year or years, with Omori-like log decay (review: Avouac 2015, Annu. Rev.
   *       Earth Planet. Sci. 43:233; Nias 2005, Hsu et al. 2006, Science 312:1921);
   *   <li>slow slip events on a deeper patch (the frictional transition, 35-40 km deep under the
   *       coast, 300 km along strike), half coupled between events, every 2 years on average (CoV
   *       0.3), each over 30 days: long-term and episodic slow slip recur every 1-6 years and last
   *       weeks to months (Cascadia, Rogers and Dragert 2003, Science 300:1942; Boso, Ozawa et al.
   *       2007, GRL 34; Guerrero, Radiguet et al. 2012, JGR 117:B04305).
   * </ul>
   */
  static final Variability VARIABILITY =
      new Variability(
          0.35,
          0.10,
          10.0,
          new Variability.Afterslip(0.20, 0.5, 1.0, 30.0, 10.0),
          new Variability.SlowSlip(250.0, 125.0, 150.0, 12.5, 0.5, 2.0, 0.3, 30.0),
          null);

  /**
   * The variable preset's cycle: the nature preset's elasticity, plate rate and interaction, with
   * the per-cycle strength drawn with a standard deviation of 15 % of the stress drop (laboratory
   * peak friction varies by about 0.01-0.02 between stick-slip cycles under equal conditions,
   * Marone 1998, Annu. Rev. Earth Planet. Sci. 26:643; on a megathrust at an effective normal
   * stress of 20-50 MPa (near-lithostatic pore pressure, Saffer and Tobin 2011, Annu. Rev. Earth
   * Planet. Sci. 39:157) that is 0.2-1 MPa, i.e. 7-30 % of a 3 MPa stress drop: 15 % in the
   * middle), no fixed precursor, and {@link #VARIABILITY}.
   */
  static final CycleParameters VARIABLE_CYCLE =
      new CycleParameters(
          3.0e10, 0.25, 0.066, 10.0, 0.15, 1.0, 2.75, 10.0, 0.25, 1.0, 0.0, 1.0, VARIABILITY);

  public ModelDefinition definition() {
    List<AsperitySpec> asperities =
        switch (this) {
          case VARIABLE, NATURE ->
              List.of(
                  new AsperitySpec("A1", 167.5, 60.0, 75.0, 40.0, 1.0, 3.0),
                  new AsperitySpec("A2", 262.5, 62.5, 7.5, 6.75, 0.40, 3.0),
                  new AsperitySpec("A3", 345.0, 60.0, 65.0, 35.0, 1.0, 3.0));
          case LAB ->
              List.of(
                  new AsperitySpec("A1", 170.0, 60.0, 60.0, 40.0, 1.0, 3.0),
                  new AsperitySpec("A2", 330.0, 60.0, 60.0, 40.0, 0.9, 3.0));
        };
    return new ModelDefinition(
        name().toLowerCase(java.util.Locale.ROOT),
        FAULT,
        5.0,
        asperities,
        this == VARIABLE ? VARIABLE_CYCLE : CYCLE,
        ORIGIN,
        NetworkLayout.standard(100.0));
  }
}
