package org.asperity.bridge;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.activemq.ActiveMQSslConnectionFactory;

/**
 * How the bridge reaches ActiveMQ: the broker URL ({@code tcp://host:61616}, {@code
 * ssl://host:61617}, or a {@code failover:(...)} list) plus credentials and TLS stores from a Java
 * properties file, so that no secret is ever on a command line. Keys: {@value #USER}, {@value
 * #PASSWORD}, {@value #TRUST_STORE}, {@value #TRUST_STORE_PASSWORD}, {@value #KEY_STORE}, {@value
 * #KEY_STORE_PASSWORD}; any other key is refused, so that a typo is not silently ignored.
 */
public record ActiveMqSettings(
    String brokerUrl,
    String user,
    String password,
    String trustStore,
    String trustStorePassword,
    String keyStore,
    String keyStorePassword) {
  public static final String DEFAULT_URL = "tcp://localhost:61616";
  public static final String USER = "user";
  public static final String PASSWORD = "password";
  public static final String TRUST_STORE = "ssl.trustStore";
  public static final String TRUST_STORE_PASSWORD = "ssl.trustStorePassword";
  public static final String KEY_STORE = "ssl.keyStore";
  public static final String KEY_STORE_PASSWORD = "ssl.keyStorePassword";
  private static final Set<String> KEYS =
      Set.of(USER, PASSWORD, TRUST_STORE, TRUST_STORE_PASSWORD, KEY_STORE, KEY_STORE_PASSWORD);

  public ActiveMqSettings {
    if (brokerUrl == null || brokerUrl.isBlank()) {
      throw new IllegalArgumentException("no ActiveMQ broker URL");
    }
  }

  /** An anonymous, plain connection to {@code brokerUrl}. */
  public static ActiveMqSettings of(String brokerUrl) {
    return new ActiveMqSettings(brokerUrl, null, null, null, null, null, null);
  }

  /**
   * Settings for {@code brokerUrl} with what {@code configFile} gives (null: none).
   *
   * @throws IllegalArgumentException naming a missing or unreadable file or an unknown key
   */
  public static ActiveMqSettings fromCommandLine(String brokerUrl, Path configFile) {
    if (configFile == null) {
      return of(brokerUrl);
    }
    Properties file = new Properties();
    try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
      file.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the ActiveMQ client properties file " + configFile + ": " + e.getMessage(),
          e);
    }
    Set<String> unknown = new TreeSet<>(file.stringPropertyNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown keys "
              + unknown
              + " in "
              + configFile
              + "; an ActiveMQ client properties file may set "
              + new TreeSet<>(KEYS));
    }
    return new ActiveMqSettings(
        brokerUrl,
        file.getProperty(USER),
        file.getProperty(PASSWORD),
        file.getProperty(TRUST_STORE),
        file.getProperty(TRUST_STORE_PASSWORD),
        file.getProperty(KEY_STORE),
        file.getProperty(KEY_STORE_PASSWORD));
  }

  /**
   * A connection factory that sends synchronously: {@code send} returns only once the broker has
   * accepted the message.
   */
  ActiveMQSslConnectionFactory connectionFactory() {
    ActiveMQSslConnectionFactory factory = new ActiveMQSslConnectionFactory(brokerUrl);
    factory.setUserName(user);
    factory.setPassword(password);
    factory.setUseAsyncSend(false);
    factory.setAlwaysSyncSend(true);
    try {
      if (trustStore != null) {
        factory.setTrustStore(trustStore);
        factory.setTrustStorePassword(trustStorePassword);
      }
      if (keyStore != null) {
        factory.setKeyStore(keyStore);
        factory.setKeyStorePassword(keyStorePassword);
      }
    } catch (Exception e) {
      throw new UncheckedIOException(
          new IOException("cannot read the TLS stores for ActiveMQ: " + e.getMessage(), e));
    }
    return factory;
  }

  /** Safe to print: passwords hidden. */
  @Override
  public String toString() {
    return "ActiveMqSettings{url="
        + brokerUrl
        + (user == null ? "" : ", user=" + user)
        + (password == null ? "" : ", password=[hidden]")
        + (trustStore == null ? "" : ", trustStore=" + trustStore)
        + (keyStore == null ? "" : ", keyStore=" + keyStore)
        + "}";
  }
}
