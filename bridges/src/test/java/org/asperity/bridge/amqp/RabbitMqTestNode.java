package org.asperity.bridge.amqp;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real RabbitMQ node (Debian's {@code rabbitmq-server}) of its own: its own node name, AMQP port,
 * distribution port and epmd port, all free ones; its database, logs, configuration and Erlang
 * cookie in a temporary directory; no plugins (so no management or metrics ports). Started by the
 * package's own script, without the {@code /usr/sbin} wrapper that switches to the rabbitmq user,
 * so it runs as whoever runs the tests (root in CI). {@link #close()} stops the node and its epmd.
 */
final class RabbitMqTestNode implements AutoCloseable {
  private static final Path BIN = Path.of("/usr/lib/rabbitmq/bin");
  private static final Path EPMD = Path.of("/usr/bin/epmd");
  private static final Duration BOOT = Duration.ofSeconds(60);

  private final Path dir;
  private final int port;
  private final Map<String, String> environment;
  private Process server;

  private RabbitMqTestNode(Path dir, int port, Map<String, String> environment) {
    this.dir = dir;
    this.port = port;
    this.environment = environment;
  }

  /** Whether the package is installed (by {@code .ci/run}, or by hand). */
  static boolean installed() {
    return Files.isExecutable(BIN.resolve("rabbitmq-server")) && Files.isExecutable(EPMD);
  }

  /** Starts a node and returns once it accepts AMQP connections. */
  static RabbitMqTestNode start(Path dir) throws IOException {
    int[] ports = freePorts(3);
    Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
    Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
    Files.writeString(
        dir.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + ports[0] + "\n");
    Map<String, String> environment =
        Map.ofEntries(
            Map.entry("HOME", dir.toString()),
            Map.entry("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString()),
            Map.entry("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString()),
            Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString()),
            Map.entry("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString()),
            Map.entry("RABBITMQ_LOG_BASE", dir.resolve("log").toString()),
            Map.entry("RABBITMQ_PID_FILE", dir.resolve("rabbitmq.pid").toString()),
            Map.entry("RABBITMQ_NODENAME", "asperity-" + UUID.randomUUID() + "@localhost"),
            Map.entry("RABBITMQ_NODE_PORT", Integer.toString(ports[0])),
            Map.entry("RABBITMQ_DIST_PORT", Integer.toString(ports[1])),
            Map.entry("ERL_EPMD_PORT", Integer.toString(ports[2])));
    RabbitMqTestNode node = new RabbitMqTestNode(dir, ports[0], environment);
    node.boot();
    return node;
  }

  int port() {
    return port;
  }

  /** Starts the stopped node again, on the same port and with the same data. */
  void boot() throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(BIN.resolve("rabbitmq-server").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.out").toFile()));
    builder.environment().putAll(environment);
    server = builder.start();
    try {
      await()
          .atMost(BOOT)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () -> {
                if (!server.isAlive()) {
                  throw new IllegalStateException(
                      "rabbitmq-server exited: " + Files.readString(dir.resolve("server.out")));
                }
                try (Connection c = factory().newConnection()) {
                  return c.isOpen();
                }
              });
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Messages ready in {@code queue} (acknowledged ones are gone; unacknowledged are not ready). */
  long ready(String queue) throws Exception {
    try (Connection c = factory().newConnection();
        Channel channel = c.createChannel()) {
      return channel.queueDeclarePassive(queue).getMessageCount();
    }
  }

  ConnectionFactory factory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(port);
    factory.setAutomaticRecoveryEnabled(false);
    return factory;
  }

  /** Stops the node (its data stays for {@link #boot()}). */
  void stopNode() {
    if (server == null) {
      return;
    }
    try {
      run(List.of(BIN.resolve("rabbitmqctl").toString(), "-q", "stop"));
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (IOException e) {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    server = null;
  }

  @Override
  public void close() {
    stopNode();
    try {
      run(List.of(EPMD.toString(), "-kill"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void kill() {
    server.descendants().forEach(ProcessHandle::destroyForcibly);
    server.destroyForcibly();
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ctl.out").toFile()));
    builder.environment().putAll(environment);
    Process p = builder.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  private static int[] freePorts(int n) throws IOException {
    ServerSocket[] sockets = new ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
    return ports;
  }
}
