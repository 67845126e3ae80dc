package org.asperity.bridge.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmqpSettingsTest {
  @TempDir Path dir;

  @Test
  void aUriGivesHostPortVirtualHostUserAndTls() {
    AmqpSettings s =
        AmqpSettings.fromCommandLine(
            "amqps://gfast@rabbit.example.org/%2Fgnss",
            "localhost", 5672, "/", "guest", null, Map.of(AmqpSettings.PASSWORD_ENV, "from-env"));
    assertEquals(
        new AmqpSettings("rabbit.example.org", 5671, "/gnss", "gfast", "from-env", true), s);
    assertEquals(
        "/",
        AmqpSettings.fromCommandLine("amqp://h", "x", 1, "v", "guest", null, Map.of())
            .virtualHost());
  }

  @Test
  void thePasswordComesFromAFileBeforeTheEnvironmentAndIsNeverPrinted() throws Exception {
    Path file = dir.resolve("amqp.password");
    Files.writeString(file, "s3cret\n");
    AmqpSettings s =
        AmqpSettings.fromCommandLine(
            null, "h", 5672, "/", "gfast", file, Map.of(AmqpSettings.PASSWORD_ENV, "other"));
    assertEquals("s3cret", s.password());
    assertFalse(s.toString().contains("s3cret"), s.toString());
  }

  @Test
  void aUserOtherThanGuestNeedsAPasswordAndAUriMayNotHoldOne() {
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> AmqpSettings.fromCommandLine(null, "h", 5672, "/", "gfast", null, Map.of()));
    assertTrue(none.getMessage().contains(AmqpSettings.PASSWORD_ENV), none.getMessage());
    IllegalArgumentException inUri =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AmqpSettings.fromCommandLine(
                    "amqp://gfast:s3cret@h/", "h", 5672, "/", "guest", null, Map.of()));
    assertFalse(inUri.getMessage().contains("s3cret"), inUri.getMessage());
  }
}
