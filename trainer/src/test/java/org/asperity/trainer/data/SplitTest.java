package org.asperity.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitTest {

  @Test
  void holdsOutFifteenPercentOfTheRunsForEachHeldOutSet() {
    assertCounts(3, 1, 1, 1);
    assertCounts(5, 3, 1, 1);
    assertCounts(20, 14, 3, 3);
    assertCounts(40, 28, 6, 6);
  }

  @Test
  void theLastRunsAreTheTestSet() {
    assertEquals(Split.TRAIN, Split.ofRun(0, 20));
    assertEquals(Split.VALIDATION, Split.ofRun(14, 20));
    assertEquals(Split.TEST, Split.ofRun(17, 20));
    assertEquals(Split.TEST, Split.ofRun(19, 20));
  }

  @Test
  void needsARunForEverySet() {
    assertThrows(IllegalArgumentException.class, () -> Split.heldOutRuns(2));
    assertThrows(IllegalArgumentException.class, () -> Split.ofRun(3, 3));
  }

  private static void assertCounts(int runs, int train, int validation, int test) {
    Map<Split, Integer> counts = new EnumMap<>(Split.class);
    for (int r = 0; r < runs; r++) {
      counts.merge(Split.ofRun(r, runs), 1, Integer::sum);
    }
    assertEquals(
        Map.of(Split.TRAIN, train, Split.VALIDATION, validation, Split.TEST, test), counts);
  }
}
