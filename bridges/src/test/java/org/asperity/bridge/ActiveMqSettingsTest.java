package org.asperity.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveMqSettingsTest {
  @TempDir Path dir;

  @Test
  void credentialsComeFromTheFileAndAreNeverPrinted() throws Exception {
    Path file = dir.resolve("activemq.properties");
    Files.writeString(file, "user=bridge\npassword=s3cret\nssl.trustStore=/etc/ca.p12\n");
    ActiveMqSettings settings = ActiveMqSettings.fromCommandLine("ssl://broker:61617", file);
    assertEquals("bridge", settings.user());
    assertEquals("s3cret", settings.password());
    assertEquals("/etc/ca.p12", settings.trustStore());
    assertFalse(settings.toString().contains("s3cret"), settings.toString());
  }

  @Test
  void aMisspelledKeyIsRefused() throws Exception {
    Path file = dir.resolve("activemq.properties");
    Files.writeString(file, "username=bridge\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ActiveMqSettings.fromCommandLine(ActiveMqSettings.DEFAULT_URL, file));
    assertTrue(e.getMessage().contains("username"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = dir.resolve("absent.properties");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ActiveMqSettings.fromCommandLine(ActiveMqSettings.DEFAULT_URL, file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
