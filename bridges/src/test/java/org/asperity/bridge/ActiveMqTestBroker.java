package org.asperity.bridge;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.SslContext;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.command.ActiveMQTopic;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.SimpleAuthenticationPlugin;

/** A real ActiveMQ broker in the test's JVM: OpenWire and STOMP on loopback, no persistence. */
final class ActiveMqTestBroker implements AutoCloseable {
  private final BrokerService broker;
  private final TransportConnector openWire;
  private final TransportConnector stomp;

  private ActiveMqTestBroker(
      BrokerService broker, TransportConnector openWire, TransportConnector stomp) {
    this.broker = broker;
    this.openWire = openWire;
    this.stomp = stomp;
  }

  /** Anonymous access, OpenWire on a free port. */
  static ActiveMqTestBroker start() {
    return start(0, null, null);
  }

  /**
   * OpenWire on {@code openWirePort} (0: a free one); with {@code user} set, only that user with
   * {@code password} may connect.
   */
  static ActiveMqTestBroker start(int openWirePort, String user, String password) {
    try {
      BrokerService broker = new BrokerService();
      broker.setBrokerName("asperity-test-" + System.nanoTime());
      broker.setPersistent(false);
      broker.setUseJmx(false);
      broker.setUseShutdownHook(false);
      broker.setAdvisorySupport(false);
      if (user != null) {
        SimpleAuthenticationPlugin authentication =
            new SimpleAuthenticationPlugin(
                List.of(new AuthenticationUser(user, password, "publishers")));
        authentication.setAnonymousAccessAllowed(false);
        broker.setPlugins(new BrokerPlugin[] {authentication});
      }
      TransportConnector openWire = broker.addConnector("tcp://127.0.0.1:" + openWirePort);
      TransportConnector stomp = broker.addConnector("stomp://127.0.0.1:0");
      broker.start();
      broker.waitUntilStarted();
      return new ActiveMqTestBroker(broker, openWire, stomp);
    } catch (Exception e) {
      throw new IllegalStateException("the test's ActiveMQ broker does not start", e);
    }
  }

  String openWireUrl() {
    return openWire.getUri().getScheme() + "://127.0.0.1:" + port(openWire);
  }

  int stompPort() {
    return port(stomp);
  }

  /**
   * Anonymous access over TLS only: OpenWire on {@code ssl://}, with the key pair in the PKCS12
   * {@code keyStore}.
   */
  static ActiveMqTestBroker startTls(Path keyStore, String password) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(keyStore)) {
        keys.load(in, password.toCharArray());
      }
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password.toCharArray());
      BrokerService broker = new BrokerService();
      broker.setBrokerName("asperity-test-tls-" + System.nanoTime());
      broker.setPersistent(false);
      broker.setUseJmx(false);
      broker.setUseShutdownHook(false);
      broker.setAdvisorySupport(false);
      broker.setSslContext(new SslContext(keyManagers.getKeyManagers(), null, null));
      TransportConnector openWire = broker.addConnector("ssl://127.0.0.1:0");
      TransportConnector stomp = broker.addConnector("stomp://127.0.0.1:0");
      broker.start();
      broker.waitUntilStarted();
      return new ActiveMqTestBroker(broker, openWire, stomp);
    } catch (Exception e) {
      throw new IllegalStateException("the test's ActiveMQ broker does not start with TLS", e);
    }
  }

  /** Messages the broker accepted on {@code topic}, subscribed or not. */
  long enqueued(String topic) {
    try {
      var destination = broker.getDestination(new ActiveMQTopic(topic));
      return destination == null
          ? 0
          : destination.getDestinationStatistics().getEnqueues().getCount();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int port(TransportConnector connector) {
    try {
      return new URI(connector.getPublishableConnectString()).getPort();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      broker.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the test's ActiveMQ broker does not stop", e);
    }
    broker.waitUntilStopped();
  }
}
