package org.asperity.kafka;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * One clear sentence for an operator about why a Kafka client failed and what to check: the CLI
 * commands print it instead of a stack trace. Looks through wrappers ({@code ExecutionException},
 * {@code KafkaException("Failed to construct kafka producer")}...) for the cause that explains.
 */
public final class KafkaErrors {
  // The producer's words when a topic never shows up in metadata (no auto-creation here).
  private static final Pattern MISSING_TOPIC =
      Pattern.compile("Topic (\\S+) not present in metadata after (\\d+) ms");

  private static final String SINGLE_OBJECT_ADVICE =
      "its producer must write Avro single-object encoding of a"
          + " released schema of that record; seek past the record to go on.";

  private static final List<Rule> RULES =
      List.of(
          rule(
              SaslAuthenticationException.class,
              e ->
                  "Kafka refused the login ("
                      + e.getMessage()
                      + "): check the user"
                      + " name and password in sasl.jaas.config, and that sasl.mechanism (e.g. SCRAM-SHA-512) is one the broker"
                      + " enables on that listener."),
          rule(
              SslAuthenticationException.class,
              e ->
                  "The TLS handshake with Kafka failed ("
                      + e.getMessage()
                      + "): check"
                      + " that ssl.truststore.location and ssl.truststore.password hold the CA of the broker's certificate and"
                      + " that the broker host name matches it."),
          rule(
              AuthenticationException.class,
              e ->
                  "Kafka refused to authenticate this client ("
                      + e.getMessage()
                      + "): check security.protocol, sasl.mechanism and the credentials against the broker's listener."),
          rule(
              TopicAuthorizationException.class,
              e ->
                  "Not authorized on topic(s) "
                      + e.unauthorizedTopics()
                      + ": the principal needs ACLs on them (WRITE to produce; READ and DESCRIBE to consume; CREATE to create)."),
          rule(
              GroupAuthorizationException.class,
              e ->
                  "Not authorized to use consumer group "
                      + Optional.ofNullable(e.groupId()).orElse("(unnamed)")
                      + ": the principal needs a READ ACL on that group."),
          rule(
              TransactionalIdAuthorizationException.class,
              e ->
                  "Not authorized to use the transactional id ("
                      + e.getMessage()
                      + "): an exactly-once producer's principal needs WRITE and DESCRIBE ACLs on its"
                      + " TransactionalId (a prefixed ACL covers Flink's ids)."),
          rule(
              ClusterAuthorizationException.class,
              e ->
                  "The cluster refused a cluster-level request ("
                      + e.getMessage()
                      + "): an idempotent producer's principal needs WRITE on at least one topic, and"
                      + " admin requests need cluster ACLs (e.g. CREATE for topics)."),
          rule(
              AuthorizationException.class,
              e ->
                  "Not authorized ("
                      + e.getMessage()
                      + "): ask for the ACLs this principal needs."),
          rule(RecordDeserializationException.class, KafkaErrors::describeUnreadableRecord),
          rule(
              SingleObjectDeserializationException.class,
              e ->
                  "A record of topic "
                      + e.topic()
                      + " is not a readable "
                      + e.recordType()
                      + " ("
                      + e.reason()
                      + ": "
                      + detail(e)
                      + "): "
                      + SINGLE_OBJECT_ADVICE),
          // Before UnknownTopicOrPartition: the producer's timeout names the topic, its cause does
          // not.
          rule(
              TimeoutException.class,
              e -> MISSING_TOPIC.matcher(String.valueOf(e.getMessage())).find(),
              KafkaErrors::describeMissingTopic),
          rule(
              UnknownTopicOrPartitionException.class,
              e ->
                  "The topic or partition does not exist ("
                      + e.getMessage()
                      + "): create the topics first (they are not created on first use) or check the topic name."),
          rule(
              RecordTooLargeException.class,
              e ->
                  "A record is too large ("
                      + e.getMessage()
                      + "): raise the producer's"
                      + " max.request.size and the topic's max.message.bytes (model releases are megabytes)."),
          rule(TimeoutException.class, KafkaErrors::describeTimeout),
          rule(
              java.util.concurrent.TimeoutException.class,
              e ->
                  "No answer from Kafka in time: check that"
                      + " bootstrap.servers is right and reachable from here, and that security.protocol matches the listener."),
          rule(
              ConfigException.class,
              e ->
                  "Invalid Kafka client configuration: "
                      + e.getMessage()
                      + " (check --kafka-config and --kafka-property)."));

  private KafkaErrors() {}

  /** One sentence: what failed, why, and what to check. */
  public static String describe(Throwable failure) {
    Objects.requireNonNull(failure, "failure");
    List<Throwable> chain = causalChain(failure);
    for (Rule rule : RULES) {
      for (Throwable t : chain) {
        if (rule.matches().test(t)) {
          return rule.description().apply(t);
        }
      }
    }
    Throwable root = chain.get(chain.size() - 1);
    return "Kafka client failed: "
        + root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private static String describeUnreadableRecord(RecordDeserializationException e) {
    String where = "The record at offset " + e.offset() + " of " + e.topicPartition();
    if (e.getCause() instanceof SingleObjectDeserializationException wire) {
      return where
          + " is not a readable "
          + wire.recordType()
          + " ("
          + wire.reason()
          + ": "
          + detail(wire)
          + "): "
          + SINGLE_OBJECT_ADVICE;
    }
    return where
        + " cannot be deserialized ("
        + rootMessage(e)
        + "): fix the producer, or seek past the record.";
  }

  private static String describeMissingTopic(TimeoutException e) {
    Matcher missing = MISSING_TOPIC.matcher(String.valueOf(e.getMessage()));
    missing.find();
    return "Topic "
        + missing.group(1)
        + " does not exist on the cluster (the producer waited "
        + missing.group(2)
        + " ms for it): create the topics first or check the topic name.";
  }

  private static String describeTimeout(TimeoutException e) {
    return "No answer from Kafka in time ("
        + e.getMessage()
        + "): check that bootstrap.servers is right and"
        + " reachable from here, and that security.protocol matches the listener (a TLS or SASL listener spoken"
        + " to in PLAINTEXT looks like a broker that never answers).";
  }

  private static String detail(SingleObjectDeserializationException e) {
    // The wire-format message repeats the reason as its prefix.
    String message = e.getCause().getMessage();
    String prefix = e.reason() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static String rootMessage(Throwable e) {
    List<Throwable> chain = causalChain(e);
    Throwable root = chain.get(chain.size() - 1);
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static List<Throwable> causalChain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static <T extends Throwable> Rule rule(Class<T> type, Function<T, String> description) {
    return rule(type, t -> true, description);
  }

  private static <T extends Throwable> Rule rule(
      Class<T> type, Predicate<T> applies, Function<T, String> description) {
    return new Rule(
        t -> type.isInstance(t) && applies.test(type.cast(t)),
        t -> description.apply(type.cast(t)));
  }

  private record Rule(Predicate<Throwable> matches, Function<Throwable, String> description) {}
}
