package org.asperity.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ObservationProducersTest {
  @Test
  void operatorPropertiesOverrideTheProducerDefaults() {
    var properties =
        ObservationProducers.properties(
            KafkaClientSettings.of("localhost:9092").withProperty("compression.type", "zstd"));
    assertEquals("zstd", properties.getProperty("compression.type"));
    assertEquals("true", properties.getProperty("enable.idempotence"));
    assertEquals("all", properties.getProperty("acks"));
    assertEquals("localhost:9092", properties.getProperty("bootstrap.servers"));
  }
}
