package org.asperity.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.ConfigDef;

/**
 * How every Asperity component reaches Kafka: the bootstrap servers plus any client properties the
 * operator gives (a Java properties file, {@code --kafka-config FILE}, then repeatable {@code
 * key=value} strings, {@code --kafka-property}), so SASL_SSL, SCRAM and truststores work the same
 * everywhere. Immutable; each {@code with...} returns a new instance, later values winning.
 *
 * <p>The {@code Properties} it builds layer, lowest first: Asperity's defaults for that client
 * kind, the operator's properties, then what the calling code requires (serializers, group id,
 * isolation). A property only another client kind knows (e.g. {@code group.id} for a producer) is
 * left out, so one file serves all clients without "unknown config" warnings; a property no client
 * knows is passed on, so Kafka warns about the typo.
 */
public final class KafkaClientSettings {
  private static final String HIDDEN = "[hidden]";
  private static final Set<String> PRODUCER_KEYS = ProducerConfig.configNames();
  private static final Set<String> CONSUMER_KEYS = ConsumerConfig.configNames();
  private static final Set<String> ADMIN_KEYS = AdminClientConfig.configNames();
  private static final Set<String> PASSWORD_KEYS =
      Stream.of(
              ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())
          .flatMap(def -> def.configKeys().values().stream())
          .filter(key -> key.type == ConfigDef.Type.PASSWORD)
          .map(key -> key.name)
          .collect(Collectors.toUnmodifiableSet());

  private final Map<String, String> properties;

  private KafkaClientSettings(Map<String, String> properties) {
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** Settings with only the bootstrap servers ({@code host:port[,host:port...]}). */
  public static KafkaClientSettings of(String bootstrapServers) {
    return new KafkaClientSettings(Map.of()).withBootstrapServers(bootstrapServers);
  }

  /**
   * Settings as the command line gives them: the properties file if any, then the {@code key=value}
   * strings in order, then {@code bootstrapServers} if given (the explicit flag wins over the
   * file). Without a flag, {@code bootstrap.servers} must come from the file or a {@code
   * key=value}.
   *
   * @param bootstrapServers {@code --bootstrap-servers}, or null
   * @param configFile {@code --kafka-config}, or null
   * @param assignments {@code --kafka-property} values, each {@code key=value}
   * @throws IllegalArgumentException naming what is wrong: a missing file, a malformed assignment,
   *     no bootstrap servers at all
   */
  public static KafkaClientSettings fromCommandLine(
      String bootstrapServers, Path configFile, List<String> assignments) {
    return fromCommandLine(bootstrapServers, configFile, assignments, null);
  }

  /**
   * As {@link #fromCommandLine(String, Path, List)}, but when neither the flag, the file nor an
   * assignment names bootstrap servers, uses {@code fallbackBootstrapServers} (e.g. an embedded
   * broker the command starts itself); fails only when that is null too.
   */
  public static KafkaClientSettings fromCommandLine(
      String bootstrapServers,
      Path configFile,
      List<String> assignments,
      String fallbackBootstrapServers) {
    KafkaClientSettings settings = new KafkaClientSettings(Map.of());
    if (configFile != null) {
      settings = settings.withPropertiesFile(configFile);
    }
    settings = settings.withAssignments(assignments);
    if (bootstrapServers != null) {
      settings = settings.withBootstrapServers(bootstrapServers);
    }
    if (settings.bootstrapServersOrNull() == null && fallbackBootstrapServers != null) {
      settings = settings.withBootstrapServers(fallbackBootstrapServers);
    }
    if (settings.bootstrapServersOrNull() == null) {
      throw new IllegalArgumentException(
          "no Kafka bootstrap servers: give them as a flag or as "
              + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG
              + " in the Kafka config file or a key=value property");
    }
    return settings;
  }

  public KafkaClientSettings withBootstrapServers(String bootstrapServers) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "Kafka bootstrap servers must not be empty (host:port[,host:port...])");
    }
    return withProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.strip());
  }

  public KafkaClientSettings withProperty(String key, String value) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("a Kafka client property needs a name");
    }
    if (value == null) {
      throw new IllegalArgumentException(
          "Kafka client property " + key + " needs a value (empty is allowed)");
    }
    Map<String, String> copy = new LinkedHashMap<>(properties);
    copy.remove(key.strip());
    copy.put(key.strip(), value);
    return new KafkaClientSettings(copy);
  }

  /**
   * Adds properties, e.g. {@code EmbeddedKafkaBroker.clientProperties()}; values are taken as
   * strings.
   */
  public KafkaClientSettings withProperties(Map<?, ?> extra) {
    KafkaClientSettings settings = this;
    for (Map.Entry<?, ?> entry : extra.entrySet()) {
      settings =
          settings.withProperty(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
    }
    return settings;
  }

  /** Adds {@code key=value} strings in order (the value may be empty and may contain '='). */
  public KafkaClientSettings withAssignments(List<String> assignments) {
    KafkaClientSettings settings = this;
    for (String assignment : assignments) {
      int eq = assignment == null ? -1 : assignment.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("Kafka property '" + assignment + "' must be key=value");
      }
      String key = assignment.substring(0, eq).strip();
      if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
        // Do not echo the value: it may be a secret.
        throw new IllegalArgumentException(
            "Kafka property '"
                + assignment.substring(0, eq)
                + "=...' has an empty"
                + " or blank-containing key");
      }
      settings = settings.withProperty(key, assignment.substring(eq + 1).strip());
    }
    return settings;
  }

  /** Adds the properties of a Java properties file (UTF-8). */
  public KafkaClientSettings withPropertiesFile(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("Kafka config file " + file + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Kafka config file " + file + " is not a regular file");
    }
    Properties loaded = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      loaded.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read Kafka config file " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // Properties.load rejects a malformed \\uXXXX escape this way.
      throw new IllegalArgumentException(
          "Kafka config file " + file + " is not a valid properties file: " + e.getMessage(), e);
    }
    Map<String, String> sorted = new TreeMap<>();
    loaded.stringPropertyNames().forEach(name -> sorted.put(name, loaded.getProperty(name)));
    return withProperties(sorted);
  }

  /** True when bootstrap servers are set. */
  public boolean hasBootstrapServers() {
    return bootstrapServersOrNull() != null;
  }

  /** {@code bootstrap.servers}. */
  public String bootstrapServers() {
    String servers = bootstrapServersOrNull();
    if (servers == null) {
      throw new IllegalStateException(
          "no " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + " set");
    }
    return servers;
  }

  /** Every property as given, bootstrap servers included (unmodifiable, secrets not hidden). */
  public Map<String, String> properties() {
    return properties;
  }

  /**
   * Producer properties: the settings, then {@code overrides} (serializers, transactional id...).
   */
  public Properties producer(Map<String, ?> overrides) {
    Properties p = forClient(PRODUCER_KEYS);
    p.putAll(overrides);
    return p;
  }

  public Properties producer() {
    return producer(Map.of());
  }

  /**
   * Consumer properties in group {@code groupId}. A new group starts at the earliest offset
   * (replaying a topic from its start is the normal case here) unless the operator says otherwise;
   * {@code readCommitted} reads only committed transactions (what an exactly-once producer wrote).
   */
  public Properties consumer(String groupId, boolean readCommitted) {
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("a consumer needs a group id");
    }
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putAll(forClient(CONSUMER_KEYS));
    p.setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.setProperty(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        (readCommitted ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED)
            .toString()
            .toLowerCase(Locale.ROOT));
    return p;
  }

  public Properties admin() {
    return forClient(ADMIN_KEYS);
  }

  /** The properties with secrets replaced by {@value #HIDDEN}: safe to log. */
  @Override
  public String toString() {
    return properties.entrySet().stream()
        .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? HIDDEN : e.getValue()))
        .collect(Collectors.joining(", ", "KafkaClientSettings{", "}"));
  }

  /**
   * Whether a property's value must not be shown: Kafka's password-typed configs, JAAS lines,
   * *.password.
   */
  static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return PASSWORD_KEYS.contains(key)
        || lower.endsWith("sasl.jaas.config")
        || lower.endsWith(".password")
        || lower.contains("secret");
  }

  private String bootstrapServersOrNull() {
    return properties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
  }

  private Properties forClient(Set<String> ownKeys) {
    Properties p = new Properties();
    properties.forEach(
        (key, value) -> {
          boolean otherKindOnly =
              !ownKeys.contains(key)
                  && (PRODUCER_KEYS.contains(key)
                      || CONSUMER_KEYS.contains(key)
                      || ADMIN_KEYS.contains(key));
          if (!otherKindOnly) {
            p.setProperty(key, value);
          }
        });
    return p;
  }
}
