package org.asperity.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Outlines of a set of cells of a regular grid (fault patches indexed along strike {@code i} and
 * down dip {@code j}): the closed rings of grid corners that bound the set, holes included, with
 * collinear corners removed. Drawing these rings with the even-odd fill rule paints exactly the
 * cells, however ragged the set.
 */
final class PatchOutlines {
  private PatchOutlines() {}

  /** A grid corner: {@code i} along strike, {@code j} down dip, in patch units. */
  record Corner(int i, int j) {}

  /**
   * @param inside {@code inside[i][j]} is true for the cells of the set
   * @return closed rings (first corner not repeated at the end), each with at least 4 corners
   */
  static List<List<Corner>> rings(boolean[][] inside) {
    // Boundary edges, directed so that the cell is on their left (counter-clockwise around each
    // cell).
    Map<Corner, Deque<Corner>> next = new HashMap<>();
    int edges = 0;
    for (int i = 0; i < inside.length; i++) {
      for (int j = 0; j < inside[i].length; j++) {
        if (!inside[i][j]) {
          continue;
        }
        if (!in(inside, i, j - 1)) {
          edges += add(next, new Corner(i, j), new Corner(i + 1, j));
        }
        if (!in(inside, i + 1, j)) {
          edges += add(next, new Corner(i + 1, j), new Corner(i + 1, j + 1));
        }
        if (!in(inside, i, j + 1)) {
          edges += add(next, new Corner(i + 1, j + 1), new Corner(i, j + 1));
        }
        if (!in(inside, i - 1, j)) {
          edges += add(next, new Corner(i, j + 1), new Corner(i, j));
        }
      }
    }
    List<List<Corner>> rings = new ArrayList<>();
    while (edges > 0) {
      Corner start = next.keySet().iterator().next();
      List<Corner> ring = new ArrayList<>();
      Corner at = start;
      do {
        ring.add(at);
        Deque<Corner> out = next.get(at);
        Corner to = out.pop();
        if (out.isEmpty()) {
          next.remove(at);
        }
        edges--;
        at = to;
        // Every corner has as many boundary edges in as out, so the walk can only end at its start.
        // Where two cells touch only at a corner, that corner has two outgoing edges: either choice
        // closes a ring (possibly one that visits the corner twice), and the even-odd fill is the
        // same.
      } while (!at.equals(start));
      rings.add(withoutCollinear(ring));
    }
    return rings;
  }

  private static boolean in(boolean[][] inside, int i, int j) {
    return i >= 0 && i < inside.length && j >= 0 && j < inside[i].length && inside[i][j];
  }

  private static int add(Map<Corner, Deque<Corner>> next, Corner from, Corner to) {
    next.computeIfAbsent(from, c -> new ArrayDeque<>(2)).add(to);
    return 1;
  }

  private static List<Corner> withoutCollinear(List<Corner> ring) {
    List<Corner> kept = new ArrayList<>();
    int n = ring.size();
    for (int k = 0; k < n; k++) {
      Corner prev = ring.get((k + n - 1) % n);
      Corner at = ring.get(k);
      Corner nxt = ring.get((k + 1) % n);
      long cross =
          (long) (at.i() - prev.i()) * (nxt.j() - at.j())
              - (long) (at.j() - prev.j()) * (nxt.i() - at.i());
      if (cross != 0) {
        kept.add(at);
      }
    }
    return kept;
  }
}
