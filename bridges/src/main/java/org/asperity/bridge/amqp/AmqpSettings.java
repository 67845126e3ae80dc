package org.asperity.bridge.amqp;

import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How the ingest reaches an AMQP 0-9-1 broker (RabbitMQ): host, port, virtual host, user and
 * password, plain or TLS. The password comes from a file or the environment variable {@value
 * #PASSWORD_ENV}, never from the command line, where {@code ps} would show it.
 */
public record AmqpSettings(
    String host, int port, String virtualHost, String user, String password, boolean tls) {
  public static final String DEFAULT_HOST = "localhost";
  public static final int DEFAULT_PORT = 5672;
  public static final int DEFAULT_TLS_PORT = 5671;
  public static final String DEFAULT_VIRTUAL_HOST = "/";

  /** RabbitMQ's own account, which it accepts from the loopback interface only. */
  public static final String DEFAULT_USER = "guest";

  public static final String PASSWORD_ENV = "ASPERITY_AMQP_PASSWORD";

  public AmqpSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("no AMQP host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("AMQP port " + port + " is not 1..65535");
    }
    Objects.requireNonNull(virtualHost, "virtualHost");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /**
   * Settings from the command line.
   *
   * @param uri {@code amqp[s]://[user@]host[:port][/vhost]} (null: none), which then gives host,
   *     port, virtual host, TLS and, if it names one, the user; a password in it is refused
   * @param passwordFile a file whose first line is the password (null: none)
   * @param environment where {@value #PASSWORD_ENV} is looked up when there is no file
   * @throws IllegalArgumentException naming what is wrong
   */
  public static AmqpSettings fromCommandLine(
      String uri,
      String host,
      int port,
      String virtualHost,
      String user,
      Path passwordFile,
      Map<String, String> environment) {
    boolean tls = false;
    if (uri != null) {
      URI parsed;
      try {
        parsed = new URI(uri);
      } catch (URISyntaxException e) {
        // Not echoed whole: it might hold a password.
        throw new IllegalArgumentException(
            "the AMQP URI is not a URI: " + e.getReason() + " at index " + e.getIndex(), e);
      }
      String scheme = parsed.getScheme();
      if (!"amqp".equals(scheme) && !"amqps".equals(scheme)) {
        throw new IllegalArgumentException("the AMQP URI must start amqp:// or amqps://");
      }
      tls = scheme.equals("amqps");
      if (parsed.getHost() == null) {
        throw new IllegalArgumentException("the AMQP URI names no host");
      }
      host = parsed.getHost();
      port = parsed.getPort() > 0 ? parsed.getPort() : tls ? DEFAULT_TLS_PORT : DEFAULT_PORT;
      String userInfo = parsed.getRawUserInfo();
      if (userInfo != null) {
        if (userInfo.contains(":")) {
          throw new IllegalArgumentException(
              "the AMQP URI holds a password: put it in --amqp-password-file or "
                  + PASSWORD_ENV
                  + " instead, where ps and shell histories do not show it");
        }
        user = URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
      }
      // RabbitMQ's URI spec: the path without its leading '/' is the virtual host, "/" encoded
      // as %2F; no path means the default virtual host.
      String path = parsed.getRawPath();
      virtualHost =
          path == null || path.isEmpty() || path.equals("/")
              ? DEFAULT_VIRTUAL_HOST
              : URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
    }
    String password;
    if (passwordFile != null) {
      try {
        password =
            Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read the AMQP password file " + passwordFile + ": " + e.getMessage(), e);
      }
    } else if (environment.get(PASSWORD_ENV) != null) {
      password = environment.get(PASSWORD_ENV);
    } else if (DEFAULT_USER.equals(user)) {
      password = DEFAULT_USER;
    } else {
      throw new IllegalArgumentException(
          "no password for AMQP user '"
              + user
              + "': give --amqp-password-file FILE or set "
              + PASSWORD_ENV);
    }
    return new AmqpSettings(host, port, virtualHost, user, password, tls);
  }

  /** A connection factory without automatic recovery: the ingest reconnects itself. */
  ConnectionFactory connectionFactory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(host);
    factory.setPort(port);
    factory.setVirtualHost(virtualHost);
    factory.setUsername(user);
    factory.setPassword(password);
    // Delivery tags restart on a new channel; the ingest tracks them per channel, so it opens a
    // fresh one after a loss rather than letting the client recover the old one.
    factory.setAutomaticRecoveryEnabled(false);
    factory.setTopologyRecoveryEnabled(false);
    factory.setConnectionTimeout(10_000);
    factory.setRequestedHeartbeat(30);
    if (tls) {
      try {
        factory.useSslProtocol(SSLContext.getDefault());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("no default TLS context in this JVM", e);
      }
      factory.enableHostnameVerification();
    }
    return factory;
  }

  /** Where, for messages: {@code amqp://user@host:port/vhost} (vhost "/" as %2F), no password. */
  public String describe() {
    return (tls ? "amqps" : "amqp")
        + "://"
        + user
        + "@"
        + host
        + ":"
        + port
        + "/"
        + URLEncoder.encode(virtualHost, StandardCharsets.UTF_8);
  }

  /** Safe to print: the password hidden. */
  @Override
  public String toString() {
    return "AmqpSettings{" + describe() + ", password=[hidden]}";
  }
}
