package org.asperity.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM from
 * the Kafka jars: for the launcher and for integration tests. It listens on free loopback ports,
 * keeps its data in a temporary directory that {@link #close()} deletes, and is ready to serve
 * clients when {@link Builder#start()} returns.
 *
 * <p>Written here on purpose, rather than a container or a test harness (Kafka's own cluster test
 * kit is unpublished test code): the launcher runs the whole system in one JVM on a machine without
 * Docker, so the broker is production code, and tests start one in seconds.
 *
 * <p>The broker jar must be the version of kafka-clients on the classpath: both are pinned together
 * in the root POM.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int START_ATTEMPTS = 3;
  private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Path rootDir;
  private final int clientPort;
  private final int controllerPort;
  private final Optional<ScramSecurity> security;
  private final KafkaRaftServer server;
  private final Admin admin;
  private final Duration startupDuration;
  private final boolean keepData;
  private boolean closed;

  private EmbeddedKafkaBroker(
      Path rootDir,
      int clientPort,
      int controllerPort,
      Optional<ScramSecurity> security,
      KafkaRaftServer server,
      Admin admin,
      Duration startupDuration,
      boolean keepData) {
    this.rootDir = rootDir;
    this.keepData = keepData;
    this.clientPort = clientPort;
    this.controllerPort = controllerPort;
    this.security = security;
    this.server = server;
    this.admin = admin;
    this.startupDuration = startupDuration;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts a plain broker (PLAINTEXT, no authentication) with no topics. */
  public static EmbeddedKafkaBroker startPlain() {
    return builder().start();
  }

  /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return FreePorts.LOOPBACK + ":" + clientPort;
  }

  /** Whether clients must authenticate with SCRAM-SHA-512 and be allowed by ACLs. */
  public boolean isSecured() {
    return security.isPresent();
  }

  /**
   * Client properties that reach this broker: the bootstrap servers, and on the secured broker the
   * admin's SCRAM login (a super user). A fresh copy per call.
   */
  public Properties clientProperties() {
    return security
        .map(s -> scramClientProperties(s.adminUser(), s.adminPassword()))
        .orElseGet(() -> bootstrapOnly(bootstrapServers()));
  }

  /**
   * Client properties that log in to the secured broker as {@code user} with {@code password}
   * (right or wrong).
   */
  public Properties clientProperties(String user, String password) {
    requireSecured("a user login");
    return scramClientProperties(user, password);
  }

  /** Creates a topic with one replica; an existing topic with the same partition count is fine. */
  public void createTopic(String name, int partitions) {
    createTopics(Map.of(name, partitions));
  }

  /**
   * Creates topics (name to partition count) and waits until the broker serves their metadata.
   * Idempotent: existing topics are fine if their partition count is the one asked for.
   */
  public void createTopics(Map<String, Integer> partitionsByTopic) {
    if (partitionsByTopic.isEmpty()) {
      return;
    }
    List<NewTopic> topics = new ArrayList<>();
    partitionsByTopic.forEach(
        (name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
    admin
        .createTopics(topics)
        .values()
        .forEach(
            (name, future) -> {
              try {
                future.get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
              } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                  throw new IllegalStateException(
                      "cannot create topic " + name + ": " + e.getCause().getMessage(),
                      e.getCause());
                }
              } catch (Exception e) {
                throw adminFailure("create topic " + name, e);
              }
            });
    awaitTopicMetadata(partitionsByTopic);
  }

  /**
   * Adds ACLs on the secured broker and waits until its authorizer applies them (it learns them
   * from the metadata log a moment after the controller accepted them).
   */
  public void addAcls(Collection<AclBinding> acls) {
    requireSecured("ACLs");
    try {
      admin.createAcls(acls).all().get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long deadline = System.nanoTime() + ADMIN_CALL_TIMEOUT.toNanos();
      while (!admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(acls)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "ACLs not applied by the broker within " + ADMIN_CALL_TIMEOUT);
        }
        Thread.sleep(20);
      }
    } catch (Exception e) {
      throw adminFailure("add ACLs", e);
    }
  }

  /** Allows {@code user} the given operations on one topic (literal name). */
  public void allowTopic(String user, String topic, AclOperation... operations) {
    addAcls(
        allow(
            user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), operations));
  }

  /** Allows {@code user} to join and commit offsets in one consumer group. */
  public void allowGroup(String user, String groupId) {
    addAcls(
        allow(
            user,
            new ResourcePattern(ResourceType.GROUP, groupId, PatternType.LITERAL),
            AclOperation.READ));
  }

  /**
   * The directory holding the broker's configuration and logs: a temporary one, deleted by {@link
   * #close()}, unless {@link Builder#dataDirectory} named one to keep.
   */
  public Path dataDirectory() {
    return rootDir;
  }

  /** The client and controller listener ports. */
  public List<Integer> ports() {
    return List.of(clientPort, controllerPort);
  }

  /** Wall time from the start request until the broker served a client request. */
  public Duration startupDuration() {
    return startupDuration;
  }

  /** Stops the broker, waits for its threads, and deletes its data directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    admin.close(Duration.ofSeconds(5));
    stopServer(server);
    if (!keepData) {
      deleteRecursively(rootDir);
    }
  }

  private void awaitTopicMetadata(Map<String, Integer> partitionsByTopic) {
    long deadline = System.nanoTime() + ADMIN_CALL_TIMEOUT.toNanos();
    try {
      while (true) {
        try {
          Map<String, TopicDescription> described =
              admin.describeTopics(partitionsByTopic.keySet()).allTopicNames().get();
          boolean ready = true;
          for (Map.Entry<String, Integer> wanted : partitionsByTopic.entrySet()) {
            TopicDescription description = described.get(wanted.getKey());
            int partitions = description.partitions().size();
            if (partitions != wanted.getValue()) {
              throw new IllegalStateException(
                  "topic "
                      + wanted.getKey()
                      + " exists with "
                      + partitions
                      + " partitions, not the "
                      + wanted.getValue()
                      + " asked for");
            }
            ready &=
                description.partitions().stream()
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
          }
          if (ready) {
            return;
          }
        } catch (ExecutionException e) {
          // The broker's metadata cache lags the controller by a moment: unknown topic, try again.
          if (System.nanoTime() > deadline) {
            throw e;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "topics "
                  + partitionsByTopic.keySet()
                  + " have no leader after "
                  + ADMIN_CALL_TIMEOUT);
        }
        Thread.sleep(20);
      }
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw adminFailure("describe topics " + partitionsByTopic.keySet(), e);
    }
  }

  private static List<AclBinding> allow(
      String user, ResourcePattern resource, AclOperation... operations) {
    return Arrays.stream(operations)
        .map(
            op ->
                new AclBinding(
                    resource,
                    new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)))
        .toList();
  }

  private void requireSecured(String what) {
    if (security.isEmpty()) {
      throw new IllegalStateException(
          what + " need the secured broker: start it with Builder.scramSecurity(...)");
    }
  }

  private Properties scramClientProperties(String user, String password) {
    return scramClientProperties(bootstrapServers(), user, password);
  }

  private static Properties scramClientProperties(
      String bootstrapServers, String user, String password) {
    Properties p = bootstrapOnly(bootstrapServers);
    p.setProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    p.setProperty(SaslConfigs.SASL_MECHANISM, ScramSecurity.MECHANISM);
    p.setProperty(SaslConfigs.SASL_JAAS_CONFIG, ScramSecurity.scramJaas(user, password));
    return p;
  }

  private static Properties bootstrapOnly(String bootstrapServers) {
    Properties p = new Properties();
    p.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  private static RuntimeException adminFailure(String action, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return new IllegalStateException(
        "cannot " + action + " on the embedded broker: " + cause, cause);
  }

  private static void stopServer(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the broker directory " + dir, e);
    }
  }

  /** What to start: topics, extra broker properties, and optionally SCRAM security. */
  public static final class Builder {
    private final Map<String, Integer> topics = new LinkedHashMap<>();
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private final Map<String, String> scramUsers = new LinkedHashMap<>();
    private String adminUser;
    private String adminPassword;
    private Duration startTimeout = Duration.ofSeconds(60);
    private Path dataDirectory;
    private int clientPort;

    private Builder() {}

    /**
     * Keep the broker's data in this directory, formatted on the first start and reused (topics,
     * offsets, transactions) on the next; {@link #close()} leaves it in place. Default: a temporary
     * directory, deleted on close.
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = directory;
      return this;
    }

    /**
     * Listen for clients on this loopback port, the controller on the next one up; a broker
     * restarted on its data directory keeps its address. Default 0: two free ports.
     */
    public Builder clientPort(int port) {
      if (port < 0 || port > 65534) {
        throw new IllegalArgumentException("a client port is 1..65534, or 0 for any: " + port);
      }
      this.clientPort = port;
      return this;
    }

    /** A topic to create at start, with this many partitions (one replica). */
    public Builder topic(String name, int partitions) {
      if (name == null || name.isBlank() || partitions < 1) {
        throw new IllegalArgumentException(
            "a topic needs a name and at least one partition: " + name + "/" + partitions);
      }
      topics.put(name, partitions);
      return this;
    }

    /** Topics to create at start, name to partition count. */
    public Builder topics(Map<String, Integer> partitionsByTopic) {
      partitionsByTopic.forEach(this::topic);
      return this;
    }

    /**
     * A server property set after (so overriding) the embedded defaults, e.g. {@code
     * message.max.bytes}.
     */
    public Builder brokerProperty(String key, String value) {
      brokerProperties.put(key, value);
      return this;
    }

    /**
     * Secures the client listener: SASL_PLAINTEXT with SCRAM-SHA-512, the StandardAuthorizer, no
     * access without an ACL. {@code adminUser} is a super user; {@link #clientProperties()} logs in
     * as it.
     */
    public Builder scramSecurity(String adminUser, String adminPassword) {
      this.adminUser = adminUser;
      this.adminPassword = adminPassword;
      return this;
    }

    /** A SCRAM-SHA-512 user of the secured broker, created before the broker starts. */
    public Builder scramUser(String user, String password) {
      scramUsers.put(user, password);
      return this;
    }

    /** How long to wait for the broker to serve requests (default 60 s). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /** Starts the broker and returns once it serves requests and the topics exist. */
    public EmbeddedKafkaBroker start() {
      if (adminUser == null && !scramUsers.isEmpty()) {
        throw new IllegalStateException(
            "SCRAM users need scramSecurity(adminUser, adminPassword) too");
      }
      Optional<ScramSecurity> security =
          adminUser == null
              ? Optional.empty()
              : Optional.of(
                  new ScramSecurity(
                      adminUser, adminPassword, Uuid.randomUuid().toString(), scramUsers));
      EmbeddedKafkaBroker broker = startWithRetries(security);
      try {
        broker.createTopics(topics);
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
      return broker;
    }

    private EmbeddedKafkaBroker startWithRetries(Optional<ScramSecurity> security) {
      for (int attempt = 1; ; attempt++) {
        try {
          return startOnce(security);
        } catch (RuntimeException e) {
          // Another process may grab a port between our probe and the broker's bind: pick new ones.
          if (attempt == START_ATTEMPTS || !causedByBind(e) || clientPort != 0) {
            throw e;
          }
          LOG.warn(
              "embedded Kafka broker could not bind its ports (attempt {} of {}), retrying",
              attempt,
              START_ATTEMPTS);
        }
      }
    }

    private EmbeddedKafkaBroker startOnce(Optional<ScramSecurity> security) {
      long startNanos = System.nanoTime();
      int[] ports = clientPort == 0 ? FreePorts.take(2) : new int[] {clientPort, clientPort + 1};
      boolean keepData = dataDirectory != null;
      Path rootDir = keepData ? dataDirectory : createTempDirectory();
      KafkaRaftServer server = null;
      Admin admin = null;
      try {
        Path dataDir = Files.createDirectories(rootDir.resolve("data"));
        Properties props =
            BrokerProperties.build(ports[0], ports[1], dataDir, security, brokerProperties);
        Path configFile = rootDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
          props.store(out, "embedded Kafka broker");
        }
        // A kept directory is formatted once: its cluster id is in meta.properties from then on.
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
          format(configFile, security);
        }
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        String bootstrap = FreePorts.LOOPBACK + ":" + ports[0];
        Properties adminProps =
            security
                .map(s -> scramClientProperties(bootstrap, s.adminUser(), s.adminPassword()))
                .orElseGet(() -> bootstrapOnly(bootstrap));
        admin = Admin.create(withFastReconnect(adminProps));
        awaitServing(admin, startTimeout);
        Duration startup = Duration.ofNanos(System.nanoTime() - startNanos);
        return new EmbeddedKafkaBroker(
            rootDir, ports[0], ports[1], security, server, admin, startup, keepData);
      } catch (Exception e) {
        if (admin != null) {
          admin.close(Duration.ZERO);
        }
        if (server != null) {
          stopServer(server);
        }
        if (!keepData) {
          deleteRecursively(rootDir);
        }
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(
            "cannot start the embedded Kafka broker (client port "
                + ports[0]
                + ", controller port "
                + ports[1]
                + "): "
                + e.getMessage(),
            e);
      }
    }

    private static Properties withFastReconnect(Properties p) {
      // Should the first connection be refused, the default back-off would grow towards 1 s of
      // start latency.
      p.setProperty(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "100");
      p.setProperty(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "100");
      p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "asperity-embedded-kafka-admin");
      return p;
    }

    /** The broker serves requests once an unfenced broker shows in the cluster metadata. */
    private static void awaitServing(Admin admin, Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      Exception last = null;
      while (System.nanoTime() < deadline) {
        try {
          long remainingMillis =
              Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
          if (!admin
              .describeCluster()
              .nodes()
              .get(remainingMillis, TimeUnit.MILLISECONDS)
              .isEmpty()) {
            return;
          }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          last = e;
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException(
          "embedded Kafka broker did not serve requests within " + timeout, last);
    }

    private static void format(Path configFile, Optional<ScramSecurity> security) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "format",
                  "--config",
                  configFile.toString(),
                  "--cluster-id",
                  Uuid.randomUuid().toString(),
                  "--ignore-formatted"));
      security.ifPresent(s -> args.addAll(s.storageToolArguments()));
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int status;
      try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        status = StorageTool.execute(args.toArray(String[]::new), out);
      }
      if (status != 0) {
        throw new IllegalStateException(
            "kafka-storage format failed ("
                + status
                + "): "
                + output.toString(StandardCharsets.UTF_8).strip());
      }
    }

    private static Path createTempDirectory() {
      try {
        return Files.createTempDirectory("asperity-kafka-");
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot create a directory for the embedded Kafka broker", e);
      }
    }

    private static boolean causedByBind(Throwable e) {
      Set<Throwable> seen = new java.util.HashSet<>();
      for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
        if (t instanceof BindException
            || String.valueOf(t.getMessage()).contains("Address already in use")) {
          return true;
        }
      }
      return false;
    }
  }
}
