package org.asperity.simulator.gnss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asperity.geodesy.FaultPlane;
import org.asperity.geodesy.GeodeticPoint;
import org.asperity.geodesy.LocalProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationNetworkTest {
  private static final FaultPlane FAULT = new FaultPlane(0.0, -250.0, 0.0, 15.0, 5.0, 500.0, 150.0);
  private static final LocalProjection PROJECTION =
      new LocalProjection(new GeodeticPoint(-36.0, -74.2));

  @Test
  void standardLayoutHasACoastalLineAndAnInlandGrid() {
    StationNetwork network =
        StationNetwork.layout(NetworkLayout.standard(100.0), FAULT, PROJECTION);
    List<Station> stations = network.stations();
    assertEquals(100, stations.size());
    assertEquals("C001", stations.get(0).code());
    assertEquals("C025", stations.get(24).code());
    assertEquals("I001", stations.get(25).code());
    assertEquals("I075", stations.get(99).code());
    for (Station s : stations) {
      assertEquals(s.coastal(), s.code().startsWith("C"));
      if (s.coastal()) {
        assertEquals(100.0, s.distanceFromTrenchKm(), 1e-9);
      } else {
        assertTrue(
            s.distanceFromTrenchKm() >= 140.0 - 1e-9 && s.distanceFromTrenchKm() <= 340.0 + 1e-9);
      }
      // trench along north at longitude -74.2: the continent lies east of it
      assertTrue(
          s.longitudeDegrees() > -74.2
              && s.latitudeDegrees() > -38.5
              && s.latitudeDegrees() < -33.5);
    }
  }

  @Test
  void readsGeodeticAndLocalCsv(@TempDir Path dir) throws IOException {
    Path geodetic = dir.resolve("stations.csv");
    Files.writeString(
        geodetic,
        "# real-looking sites\nname,lat,lon\nCONS,-35.33,-72.41\nCHIL,-36.6,-72.1\n"
            + "\nMAUL,-35.8,-71.6\n");
    StationNetwork network = StationNetwork.fromCsv(geodetic, FAULT, PROJECTION, 30.0);
    assertEquals(3, network.size());
    Station cons = network.stations().get(0);
    assertEquals("CONS", cons.code());
    assertEquals(-35.33, cons.latitudeDegrees(), 1e-9);
    assertEquals(-72.41, cons.longitudeDegrees(), 1e-9);
    assertTrue(cons.coastal());
    assertFalse(network.stations().get(2).coastal());
    assertEquals(
        PROJECTION.toLocal(new GeodeticPoint(-35.33, -72.41)).eastKm(), cons.eastKm(), 1e-9);

    Path local = dir.resolve("local.csv");
    Files.writeString(local, "name,east_km,north_km,coastal\nA,100,0,false\nB,200,50,true\n");
    StationNetwork localNetwork = StationNetwork.fromCsv(local, FAULT, PROJECTION, 30.0);
    assertFalse(localNetwork.stations().get(0).coastal());
    assertTrue(localNetwork.stations().get(1).coastal());
    assertEquals(200.0, localNetwork.stations().get(1).distanceFromTrenchKm(), 1e-9);
  }

  @Test
  void rejectsBadCsv(@TempDir Path dir) throws IOException {
    Path duplicate = dir.resolve("dup.csv");
    Files.writeString(duplicate, "name,lat,lon\nA,-35,-72\nA,-36,-72\n");
    assertThrows(
        IOException.class, () -> StationNetwork.fromCsv(duplicate, FAULT, PROJECTION, 30.0));
    Path columns = dir.resolve("columns.csv");
    Files.writeString(columns, "name,lat,lon\nA,-35\n");
    assertThrows(IOException.class, () -> StationNetwork.fromCsv(columns, FAULT, PROJECTION, 30.0));
    Path header = dir.resolve("header.csv");
    Files.writeString(header, "code,height\nA,3\n");
    assertThrows(IOException.class, () -> StationNetwork.fromCsv(header, FAULT, PROJECTION, 30.0));
    Path range = dir.resolve("range.csv");
    Files.writeString(range, "name,lat,lon\nA,-135,-72\n");
    assertThrows(IOException.class, () -> StationNetwork.fromCsv(range, FAULT, PROJECTION, 30.0));
  }
}
