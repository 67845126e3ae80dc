package org.asperity.kafka.embedded;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One embedded broker per test class: started before the class's first test, stopped after its
 * last, and injected into test and lifecycle methods that take an {@link EmbeddedKafkaBroker}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedKafkaExtension KAFKA =
 *     new EmbeddedKafkaExtension(EmbeddedKafkaBroker.builder().topic("gnss.observations", 4));
 *
 * @Test
 * void roundTrip(EmbeddedKafkaBroker broker) { ... broker.bootstrapServers() ... }
 * }</pre>
 *
 * Register it in a {@code static} field: JUnit calls class-level callbacks only on static
 * registrations. {@code @Nested} classes share the enclosing class's broker.
 */
public final class EmbeddedKafkaExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private final EmbeddedKafkaBroker.Builder builder;
  private EmbeddedKafkaBroker broker;
  private String ownerContextId;

  /** A plain broker with no topics. */
  public EmbeddedKafkaExtension() {
    this(EmbeddedKafkaBroker.builder());
  }

  /** A broker started from {@code builder} (topics, properties, security). */
  public EmbeddedKafkaExtension(EmbeddedKafkaBroker.Builder builder) {
    this.builder = builder;
  }

  /** The running broker; only between the class's start and end. */
  public synchronized EmbeddedKafkaBroker broker() {
    if (broker == null) {
      throw new IllegalStateException(
          "the embedded broker runs only while its test class runs;"
              + " is the extension registered in a static field?");
    }
    return broker;
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (broker == null) {
      broker = builder.start();
      ownerContextId = context.getUniqueId();
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (broker != null && context.getUniqueId().equals(ownerContextId)) {
      try {
        broker.close();
      } finally {
        broker = null;
        ownerContextId = null;
      }
    }
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return broker();
  }
}
