package org.asperity.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.asperity.schemas.cap.CapSchema;
import org.junit.jupiter.api.Test;

class CapMessageTest {
  @Test
  void theTestDocumentsAreValidCap12() {
    for (String xml :
        new String[] {
          CapDocuments.issue("a-1"),
          CapDocuments.update("a-2", "a-1"),
          CapDocuments.cancel("a-3", "a-1", "a-2")
        }) {
      assertTrue(CapSchema.violation(xml).isEmpty(), () -> CapSchema.violation(xml).get());
    }
  }

  @Test
  void readsIdentifierMsgTypeAndStatus() {
    assertEquals(
        new CapMessage("a-3", "Cancel", "Actual"),
        CapMessage.of(CapDocuments.cancel("a-3", "a-1", "a-2")));
  }
}
