package org.asperity.bridge;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.security.cert.CertificateException;

/**
 * One connection, session and producer on an ActiveMQ topic. Messages are persistent and sent
 * synchronously: {@link #publish} returns once the broker has accepted the message, and throws
 * otherwise.
 */
final class ActiveMqPublisher implements AutoCloseable {
  /** JMS properties a subscriber can select on; the CAP document is the message body. */
  static final String IDENTIFIER = "identifier";

  static final String MSG_TYPE = "msgType";
  static final String STATUS = "status";
  static final String REGION = "region";
  static final String CONTENT_TYPE = "contentType";
  static final String CAP_CONTENT_TYPE = "application/cap+xml; charset=UTF-8";

  private final Connection connection;
  private final Session session;
  private final MessageProducer producer;

  private ActiveMqPublisher(Connection connection, Session session, MessageProducer producer) {
    this.connection = connection;
    this.session = session;
    this.producer = producer;
  }

  /**
   * Connects and logs in.
   *
   * @throws BridgeException when the broker refuses the credentials or their rights, or its
   *     certificate is not trusted
   * @throws BrokerUnavailableException when the broker cannot be reached (worth retrying)
   */
  static ActiveMqPublisher connect(ActiveMqSettings settings, String topic) {
    Connection connection = null;
    try {
      connection = settings.connectionFactory().createConnection();
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createTopic(topic));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      return new ActiveMqPublisher(connection, session, producer);
    } catch (JMSException e) {
      closeQuietly(connection);
      throw classify(settings, e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /** Publishes {@code xml}; returns once the broker has accepted it. */
  void publish(CapMessage cap, String region, String xml) {
    try {
      TextMessage message = session.createTextMessage(xml);
      message.setStringProperty(IDENTIFIER, cap.identifier());
      message.setStringProperty(MSG_TYPE, cap.msgType());
      message.setStringProperty(STATUS, cap.status());
      message.setStringProperty(CONTENT_TYPE, CAP_CONTENT_TYPE);
      if (region != null) {
        message.setStringProperty(REGION, region);
      }
      producer.send(message);
    } catch (JMSException e) {
      throw classify(null, e);
    }
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  private static RuntimeException classify(ActiveMqSettings settings, JMSException e) {
    String where = settings == null ? "ActiveMQ" : "ActiveMQ at " + settings.brokerUrl();
    String why = rootMessage(e);
    if (e instanceof JMSSecurityException || e.getCause() instanceof SecurityException) {
      return new BridgeException(
          where
              + " refused this client ("
              + why
              + "): check user and password in --activemq-config, and that the user may write to the topic.",
          e);
    }
    if (causedBy(e, CertificateException.class)) {
      return new BridgeException(
          "the TLS handshake with "
              + where
              + " failed ("
              + why
              + "): check that ssl.trustStore in --activemq-config holds the CA of the broker's"
              + " certificate and that the host name in --activemq-url matches it.",
          e);
    }
    return new BrokerUnavailableException(where + " is not reachable (" + why + ")", e);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
    return message != null ? message : root.getClass().getSimpleName();
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (JMSException | RuntimeException ignored) {
      // The connection is broken anyway; a new one replaces it.
    }
  }

  /** The broker cannot be reached now: retry later, nothing was published. */
  static final class BrokerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokerUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
