package org.asperity.job.alerts.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapAreaTest {

  @Test
  void theHullIsAClosedCounterClockwiseRingAndTheCircleHoldsEveryStation() {
    List<CapArea.Point> stations =
        List.of(
            new CapArea.Point(38.0, 141.0),
            new CapArea.Point(38.2, 141.5),
            new CapArea.Point(39.0, 141.9),
            new CapArea.Point(40.1, 141.3),
            new CapArea.Point(39.0, 140.8),
            new CapArea.Point(38.9, 141.2));
    CapArea area = CapArea.ofStations(stations);

    List<CapArea.Point> ring = area.polygon();
    assertEquals(ring.get(0), ring.get(ring.size() - 1));
    assertEquals(6, ring.size()); // 5 hull vertices, closed; the inner station is not one
    double twiceArea = 0;
    for (int i = 0; i + 1 < ring.size(); i++) {
      twiceArea +=
          ring.get(i).longitudeDegrees() * ring.get(i + 1).latitudeDegrees()
              - ring.get(i + 1).longitudeDegrees() * ring.get(i).latitudeDegrees();
    }
    assertTrue(twiceArea > 0, "counter-clockwise");
    for (CapArea.Point s : stations) {
      assertTrue(CapArea.distanceKm(area.center(), s) <= area.radiusKm());
    }
    assertTrue(area.capCircle().matches("-?\\d+\\.\\d{4},-?\\d+\\.\\d{4} \\d+\\.\\d"));
  }

  @Test
  void aNetworkAcrossTheAntimeridianKeepsItsLongitudesInRange() {
    CapArea area =
        CapArea.ofStations(
            List.of(
                new CapArea.Point(-18.0, 179.5),
                new CapArea.Point(-18.0, -179.5),
                new CapArea.Point(-17.0, -179.5),
                new CapArea.Point(-17.0, 179.5)));
    assertEquals(180.0, Math.abs(area.center().longitudeDegrees()), 1e-9);
    // About 75 km, not half the globe.
    assertTrue(area.radiusKm() < 100, "radius " + area.radiusKm());
    assertEquals(5, area.polygon().size());
  }

  @Test
  void stationsOnOneLineSpanNoPolygonButACircle() {
    CapArea area =
        CapArea.ofStations(
            List.of(
                new CapArea.Point(10, 20), new CapArea.Point(11, 20), new CapArea.Point(12, 20)));
    assertNull(area.capPolygon());
    assertEquals("11.0000,20.0000 111.2", area.capCircle());
  }

  @Test
  void anOpenRingIsRefused() {
    CapArea.Point a = new CapArea.Point(0, 0);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CapArea(
                List.of(
                    a, new CapArea.Point(0, 1), new CapArea.Point(1, 1), new CapArea.Point(1, 0)),
                a,
                1));
  }
}
