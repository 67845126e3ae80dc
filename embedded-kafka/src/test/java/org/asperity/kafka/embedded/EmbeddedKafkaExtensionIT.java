package org.asperity.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

class EmbeddedKafkaExtensionIT {
  /** Brokers the sample class's tests were given, in order. */
  static final List<EmbeddedKafkaBroker> SEEN = new CopyOnWriteArrayList<>();

  @Test
  void startsOneBrokerPerClassInjectsItAndStopsItAfterTheClass() {
    SEEN.clear();

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(SampleTestClass.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(3).succeeded(3));

    assertEquals(3, SEEN.size());
    EmbeddedKafkaBroker broker = SEEN.get(0);
    SEEN.forEach(seen -> assertSame(broker, seen));
    assertFalse(
        Files.exists(broker.dataDirectory()),
        "broker still has its data directory after the class");
    assertTrue(
        broker.ports().stream().allMatch(FreePorts::isFree),
        "broker still listens after the class");
  }

  /** Run only through the test kit above (the IT pattern does not match it). */
  static class SampleTestClass {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA =
        new EmbeddedKafkaExtension(EmbeddedKafkaBroker.builder().topic("x", 2));

    @Test
    void first(EmbeddedKafkaBroker broker) throws Exception {
      SEEN.add(broker);
      try (Admin admin = Admin.create(broker.clientProperties())) {
        assertEquals(Set.of("x"), admin.listTopics().names().get());
      }
    }

    @Test
    void second(EmbeddedKafkaBroker broker) {
      SEEN.add(broker);
      assertSame(KAFKA.broker(), broker);
    }

    @Nested
    class Inner {
      @Test
      void sharesTheBroker(EmbeddedKafkaBroker broker) {
        SEEN.add(broker);
      }
    }
  }
}
