package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchOutlinesTest {

  private static boolean[][] grid(String... rows) {
    // rows[j].charAt(i): '#' inside; i along strike, j down dip
    boolean[][] g = new boolean[rows[0].length()][rows.length];
    for (int j = 0; j < rows.length; j++) {
      for (int i = 0; i < rows[j].length(); i++) {
        g[i][j] = rows[j].charAt(i) == '#';
      }
    }
    return g;
  }

  /** Shoelace area: positive for counter-clockwise rings (outer boundaries), negative for holes. */
  private static long signedAreaTimesTwo(List<List<PatchOutlines.Corner>> rings) {
    long sum = 0;
    for (List<PatchOutlines.Corner> ring : rings) {
      for (int k = 0; k < ring.size(); k++) {
        PatchOutlines.Corner a = ring.get(k);
        PatchOutlines.Corner b = ring.get((k + 1) % ring.size());
        sum += (long) a.i() * b.j() - (long) b.i() * a.j();
      }
    }
    return sum;
  }

  @Test
  void aBlockIsOneRectangle() {
    List<List<PatchOutlines.Corner>> rings =
        PatchOutlines.rings(grid("....", ".##.", ".##.", "...."));
    assertEquals(1, rings.size());
    assertEquals(
        List.of(
            new PatchOutlines.Corner(1, 1),
            new PatchOutlines.Corner(3, 1),
            new PatchOutlines.Corner(3, 3),
            new PatchOutlines.Corner(1, 3)),
        rotateToSmallest(rings.get(0)));
  }

  @Test
  void anLShapeHasSixCorners() {
    List<List<PatchOutlines.Corner>> rings = PatchOutlines.rings(grid("#..", "#..", "###"));
    assertEquals(1, rings.size());
    assertEquals(6, rings.get(0).size());
    assertEquals(2 * 5, signedAreaTimesTwo(rings));
  }

  @Test
  void aRingWithAHoleHasAnOuterAndAnInnerBoundary() {
    List<List<PatchOutlines.Corner>> rings = PatchOutlines.rings(grid("###", "#.#", "###"));
    assertEquals(2, rings.size());
    assertEquals(2 * 8, signedAreaTimesTwo(rings));
  }

  @Test
  void cellsTouchingAtACornerAreBothEnclosed() {
    List<List<PatchOutlines.Corner>> rings = PatchOutlines.rings(grid("#.", ".#"));
    assertEquals(2 * 2, signedAreaTimesTwo(rings));
    assertEquals(8, rings.stream().mapToInt(List::size).sum());
  }

  @Test
  void anEmptySetHasNoRing() {
    assertTrue(PatchOutlines.rings(grid("...", "...")).isEmpty());
  }

  @Test
  void randomSetsAreEnclosedExactlyByTheirRings() {
    SplittableRandom random = new SplittableRandom(42);
    for (int trial = 0; trial < 200; trial++) {
      boolean[][] g = new boolean[1 + random.nextInt(12)][1 + random.nextInt(12)];
      int cells = 0;
      for (boolean[] column : g) {
        for (int j = 0; j < column.length; j++) {
          column[j] = random.nextDouble() < 0.5;
          cells += column[j] ? 1 : 0;
        }
      }
      List<List<PatchOutlines.Corner>> rings = PatchOutlines.rings(g);
      assertEquals(2L * cells, signedAreaTimesTwo(rings), "trial " + trial);
      for (List<PatchOutlines.Corner> ring : rings) {
        assertTrue(
            ring.size() >= 4 && ring.size() % 2 == 0,
            "a grid ring has an even number of corners, at least 4");
        for (PatchOutlines.Corner c : ring) {
          assertTrue(touchesBoth(g, c), "corner " + c + " is on the boundary");
        }
      }
    }
  }

  private static boolean touchesBoth(boolean[][] g, PatchOutlines.Corner c) {
    boolean in = false;
    boolean out = false;
    for (int di = -1; di <= 0; di++) {
      for (int dj = -1; dj <= 0; dj++) {
        int i = c.i() + di;
        int j = c.j() + dj;
        boolean inside = i >= 0 && i < g.length && j >= 0 && j < g[0].length && g[i][j];
        in |= inside;
        out |= !inside;
      }
    }
    return in && out;
  }

  private static List<PatchOutlines.Corner> rotateToSmallest(List<PatchOutlines.Corner> ring) {
    int best = 0;
    for (int k = 1; k < ring.size(); k++) {
      PatchOutlines.Corner c = ring.get(k);
      PatchOutlines.Corner b = ring.get(best);
      if (c.j() < b.j() || c.j() == b.j() && c.i() < b.i()) {
        best = k;
      }
    }
    List<PatchOutlines.Corner> rotated = new java.util.ArrayList<>(ring.subList(best, ring.size()));
    rotated.addAll(ring.subList(0, best));
    return rotated;
  }
}
