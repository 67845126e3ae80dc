package org.asperity.simulator.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.asperity.simulator.Preset;
import org.asperity.simulator.ProgressListener;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @Test
  void writesCatalogAndStationSeriesToPng(@TempDir Path dir) throws IOException {
    SimulationConfig config =
        SimulationConfig.builder()
            .preset(Preset.NATURE)
            .durationYears(150.0)
            .samplingInterval(Duration.ofDays(5))
            .spinUpYears(1000.0)
            .build();
    ReportCollector collector = new ReportCollector(0, 500);
    new Simulation(config).run(collector, ProgressListener.none());
    assertFalse(collector.earthquakes().isEmpty());
    assertEquals(3, collector.series().size(), "two coastal stations and one inland");
    assertTrue(
        collector.series().get(0).station().coastal()
            && !collector.series().get(2).station().coastal());
    for (ReportCollector.Series s : collector.series()) {
      assertTrue(s.size() > 250 && s.size() <= 500, "thinned series " + s.size());
      for (int i = 1; i < s.size(); i++) {
        assertTrue(s.years()[i] > s.years()[i - 1]);
      }
    }
    Path png = dir.resolve("report.png");
    ReportWriter.writePng(collector, png, "test", 900, 700);
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4));
    assertTrue(bytes.length > 20_000, "a drawn chart, not an empty image: " + bytes.length);
  }
}
