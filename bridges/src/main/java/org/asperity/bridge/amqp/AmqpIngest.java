package org.asperity.bridge.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.bridge.BridgeException;
import org.asperity.bridge.BridgeTopics;
import org.asperity.bridge.amqp.PositionMessages.Parsed;
import org.asperity.bridge.amqp.PositionMessages.Position;
import org.asperity.bridge.amqp.PositionMessages.Rejected;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.ObservationProducers;
import org.asperity.kafka.StationKey;
import org.asperity.kafka.Topic;
import org.asperity.kafka.TopicSpec;
import org.asperity.schemas.DeadLetter;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.wire.Codecs;

/**
 * GNSS positions from an AMQP 0-9-1 exchange (RabbitMQ) into Kafka, none lost:
 *
 * <ol>
 *   <li>a durable queue bound to the exchange holds the messages while the ingest is down;
 *   <li>each delivery is read ({@link PositionMessages}) and sent to Kafka (idempotent, {@code
 *       acks=all}): a position as a {@link GnssObservation} on the observations topic, anything
 *       else as a {@link DeadLetter} with its reason on the dead-letter topic;
 *   <li>only when Kafka has acknowledged that record is the delivery acknowledged to the broker
 *       (manual acks, in delivery order, so one cumulative ack covers every record before it).
 * </ol>
 *
 * A crash or a lost connection before step 3 leaves the message unacknowledged: the broker delivers
 * it again, so nothing acknowledged is lost and a message can reach Kafka twice (at-least-once).
 * The copy has the same station and epoch, which the job's station features drop as a duplicate. A
 * malformed message is acknowledged once its dead letter is in Kafka: it is never redelivered
 * forever. If Kafka refuses a record (after the producer's own retries) the ingest stops with the
 * cause; what was not acknowledged stays in the queue. While the broker cannot be reached the
 * ingest retries with doubling waits.
 */
public final class AmqpIngest {
  /** Bytes of a refused message kept in its dead letter, as the job keeps them. */
  static final int MAX_STORED_BYTES = 512 * 1024;

  private static final int MAX_DETAIL_CHARS = 4096;
  private static final int REJECT_LINES = 20;
  private static final long ACK_POLL_MILLIS = 50;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final AmqpIngestConfig config;
  private final Consumer<String> progress;
  private final PositionMessages messages;
  private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
  private final Object sleeper = new Object();
  private volatile boolean stopping;

  // Counted where Kafka's answers are handled (the run thread), read by summary() from any.
  private long received;
  private long written;
  private long deadLettered;
  private long redelivered;
  private final Map<Rejection, Long> rejected = new EnumMap<>(Rejection.class);

  /**
   * @param progress receives one line when consuming starts, per connection problem, per dead
   *     letter (the first {@value #REJECT_LINES}) and every ten seconds with the counts
   */
  public AmqpIngest(AmqpIngestConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
    this.messages = new PositionMessages(config.maxMessageBytes(), config.network());
  }

  /** Asks {@link #run} to return once what is in flight is in Kafka; callable from any thread. */
  public void stop() {
    stopping = true;
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
  }

  /** The counts so far. */
  public synchronized AmqpIngestSummary summary() {
    return new AmqpIngestSummary(received, written, deadLettered, rejected, redelivered);
  }

  /**
   * Ingests until {@link #stop()}.
   *
   * @throws BridgeException when the ingest cannot go on: a Kafka topic missing, Kafka refusing
   *     records, the broker refusing the credentials or the queue's or exchange's declaration
   */
  public AmqpIngestSummary run() {
    checkTopics();
    KafkaProducer<byte[], byte[]> producer;
    try {
      producer =
          new KafkaProducer<>(
              ObservationProducers.properties(config.kafka()),
              new ByteArraySerializer(),
              new ByteArraySerializer());
    } catch (KafkaException e) {
      throw new BridgeException(KafkaErrors.describe(e), e);
    }
    try {
      Duration wait = config.retryMin();
      while (!stopping) {
        Connection connection;
        try {
          connection = config.amqp().connectionFactory().newConnection("asperity ingest amqp");
        } catch (AuthenticationFailureException e) {
          throw new BridgeException(
              "the AMQP broker at "
                  + config.amqp().describe()
                  + " refused the credentials of user '"
                  + config.amqp().user()
                  + "'",
              e);
        } catch (IOException | TimeoutException e) {
          progress.accept(
              "AMQP broker at "
                  + config.amqp().describe()
                  + " unreachable ("
                  + reason(e)
                  + "): retrying in "
                  + wait.toMillis() / 1000.0
                  + " s");
          sleep(wait);
          wait =
              wait.multipliedBy(2).compareTo(config.retryMax()) > 0
                  ? config.retryMax()
                  : wait.multipliedBy(2);
          continue;
        }
        wait = config.retryMin();
        try {
          String lost = consume(connection, producer);
          if (lost != null) {
            progress.accept(
                "connection to "
                    + config.amqp().describe()
                    + " lost ("
                    + lost
                    + "): reconnecting; messages not yet acknowledged will be delivered again");
            sleep(config.retryMin());
          }
        } finally {
          closeQuietly(connection);
        }
      }
    } catch (KafkaException e) {
      throw new BridgeException(KafkaErrors.describe(e), e);
    } finally {
      producer.close(CLOSE_TIMEOUT);
    }
    return summary();
  }

  /**
   * Consumes on one connection until stopped (returns null once everything delivered is in Kafka
   * and acknowledged) or until the connection is lost (returns why).
   */
  private String consume(Connection connection, KafkaProducer<byte[], byte[]> producer) {
    Channel channel;
    Session session;
    String consumerTag;
    try {
      declare(connection);
      channel = connection.createChannel();
      channel.basicQos(config.prefetch());
      session = new Session(channel, producer);
      consumerTag = channel.basicConsume(config.queue(), false, session);
    } catch (IOException | ShutdownSignalException e) {
      return refusedOrLost(e);
    }
    progress.accept(
        "consuming queue "
            + config.queue()
            + " (bound to "
            + config.exchangeType()
            + " exchange "
            + config.exchange()
            + " with key '"
            + config.bindingKey()
            + "') at "
            + config.amqp().describe()
            + "; observations to "
            + config.observationsTopic()
            + ", dead letters to "
            + config.deadLetterTopic());
    long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
    try {
      while (!stopping && channel.isOpen()) {
        acknowledge(session, ACK_POLL_MILLIS);
        if (System.nanoTime() - nextProgress > 0) {
          progress.accept(summary().line());
          nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        }
      }
      if (!stopping) {
        ShutdownSignalException cause = channel.getCloseReason();
        return cause == null ? "channel closed" : reason(cause);
      }
      // Stop deliveries, let every delivery already handed over reach Kafka, acknowledge them all.
      channel.basicCancel(consumerTag);
      session.cancelled.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      producer.flush();
      // Bounded: a delivery still stuck in a send (Kafka gone) is left unacknowledged, for the
      // broker to deliver again.
      long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
      while (!session.allAcknowledged() && channel.isOpen() && deadline - System.nanoTime() > 0) {
        acknowledge(session, ACK_POLL_MILLIS);
      }
      channel.close();
      return null;
    } catch (IOException | ShutdownSignalException e) {
      return stopping ? null : reason(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (TimeoutException e) {
      return null;
    }
  }

  /**
   * The exchange as the publisher declared it (declared here, durable, only when absent), and the
   * durable queue bound to it.
   */
  private void declare(Connection connection) throws IOException {
    try (Channel probe = connection.createChannel()) {
      probe.exchangeDeclarePassive(config.exchange());
    } catch (IOException e) {
      if (!isChannelClose(e, AMQP.NOT_FOUND)) {
        throw e;
      }
      try (Channel declare = connection.createChannel()) {
        declare.exchangeDeclare(config.exchange(), config.exchangeType(), true);
      } catch (TimeoutException closing) {
        // the channel closed on its own
      }
    } catch (TimeoutException closing) {
      // the probe channel closed on its own
    }
    try (Channel declare = connection.createChannel()) {
      declare.queueDeclare(config.queue(), true, false, false, null);
      declare.queueBind(config.queue(), config.exchange(), config.bindingKey());
    } catch (TimeoutException closing) {
      // the channel closed on its own
    }
  }

  /** Handles Kafka's answers, then acknowledges every delivery up to the first not yet in Kafka. */
  private void acknowledge(Session session, long waitMillis) throws IOException {
    Completion c;
    try {
      c = completions.poll(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      return;
    }
    while (c != null) {
      if (c.failure != null) {
        throw new BridgeException(
            "Kafka refused a record ("
                + KafkaErrors.describe(c.failure)
                + "); stopping: messages not acknowledged stay in queue "
                + config.queue(),
            c.failure);
      }
      count(c);
      if (c.session == session) {
        session.done.add(c.deliveryTag);
      }
      c = completions.poll();
    }
    long before = session.acknowledged;
    while (!session.done.isEmpty() && session.done.first() == session.acknowledged + 1) {
      session.acknowledged = session.done.pollFirst();
    }
    if (session.acknowledged > before) {
      session.channel.basicAck(session.acknowledged, true);
    }
  }

  private void count(Completion c) {
    long n;
    synchronized (this) {
      if (c.rejected == null) {
        written++;
        return;
      }
      n = ++deadLettered;
      rejected.merge(c.rejected.reason(), 1L, Long::sum);
    }
    if (n <= REJECT_LINES) {
      progress.accept(
          "dead-lettered to "
              + config.deadLetterTopic()
              + ": "
              + c.rejected.reason()
              + ": "
              + c.rejected.detail()
              + (n == REJECT_LINES ? " (further ones only counted)" : ""));
    }
  }

  /** One channel's consumer: reads each delivery and sends its record to Kafka. */
  private final class Session extends DefaultConsumer {
    final Channel channel;
    final KafkaProducer<byte[], byte[]> producer;
    final CountDownLatch cancelled = new CountDownLatch(1);
    // Run thread only.
    final TreeSet<Long> done = new TreeSet<>();
    long acknowledged;
    // Consumer thread, read by the run thread.
    volatile long delivered;

    Session(Channel channel, KafkaProducer<byte[], byte[]> producer) {
      super(channel);
      this.channel = channel;
      this.producer = producer;
    }

    boolean allAcknowledged() {
      return acknowledged >= delivered;
    }

    @Override
    public void handleDelivery(
        String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
      long tag = envelope.getDeliveryTag();
      delivered = tag;
      synchronized (AmqpIngest.this) {
        received++;
        if (envelope.isRedeliver()) {
          redelivered++;
        }
      }
      Rejected rejection;
      ProducerRecord<byte[], byte[]> record;
      try {
        Parsed parsed = messages.parse(body);
        rejection = parsed instanceof Rejected r ? r : null;
        record =
            parsed instanceof Position p
                ? new ProducerRecord<>(
                    config.observationsTopic(),
                    StationKey.of(p.observation()).toBytes(),
                    Codecs.GNSS_OBSERVATION.encode(p.observation()))
                : deadLetter(rejection, envelope, properties, body);
      } catch (RuntimeException e) {
        // A message no rule foresaw must not close the channel and come back forever.
        rejection = new Rejected(Rejection.NOT_A_POSITION, "could not be read: " + e, null);
        record = deadLetter(rejection, envelope, properties, body);
      }
      Rejected answer = rejection;
      try {
        producer.send(
            record, (metadata, e) -> completions.add(new Completion(this, tag, answer, e)));
      } catch (KafkaException | IllegalStateException e) {
        completions.add(new Completion(this, tag, answer, e));
      }
    }

    @Override
    public void handleCancelOk(String consumerTag) {
      cancelled.countDown();
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException sig) {
      cancelled.countDown();
    }
  }

  /** Kafka's answer for one delivery. */
  private record Completion(
      Session session, long deliveryTag, Rejected rejected, Exception failure) {}

  private ProducerRecord<byte[], byte[]> deadLetter(
      Rejected rejection, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    byte[] routingKey =
        envelope.getRoutingKey() == null
            ? null
            : envelope.getRoutingKey().getBytes(StandardCharsets.UTF_8);
    byte[] kept = body.length <= MAX_STORED_BYTES ? body : Arrays.copyOf(body, MAX_STORED_BYTES);
    String detail = rejection.reason() + ": " + rejection.detail();
    if (detail.length() > MAX_DETAIL_CHARS) {
      detail = detail.substring(0, MAX_DETAIL_CHARS - 3) + "...";
    }
    if (kept.length < body.length) {
      detail += " (first " + kept.length + " of " + body.length + " bytes kept)";
    }
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setReason(rejection.reason().deadLetterReason())
            .setDetail(detail)
            // Not a Kafka record: the exchange names where it came from, no partition or offset.
            .setSourceTopic("amqp:" + envelope.getExchange())
            .setSourcePartition(-1)
            .setSourceOffset(-1)
            .setSourceTimestamp(
                properties == null || properties.getTimestamp() == null
                    ? null
                    : properties.getTimestamp().toInstant())
            .setStation(rejection.stationKey())
            .setKey(routingKey == null ? null : java.nio.ByteBuffer.wrap(routingKey))
            .setValue(java.nio.ByteBuffer.wrap(kept))
            .build();
    return new ProducerRecord<>(
        config.deadLetterTopic(), routingKey, Codecs.DEAD_LETTER.encode(letter));
  }

  /** Refusals of the queue or exchange stop the ingest; anything else is a lost connection. */
  private String refusedOrLost(Exception e) {
    for (int code : List.of(AMQP.ACCESS_REFUSED, AMQP.NOT_FOUND, AMQP.PRECONDITION_FAILED)) {
      if (isChannelClose(e, code)) {
        throw new BridgeException(
            "the AMQP broker refused to set up queue "
                + config.queue()
                + " on exchange "
                + config.exchange()
                + ": "
                + reason(e)
                + (code == AMQP.PRECONDITION_FAILED
                    ? " (it exists with other settings: this ingest declares a durable queue)"
                    : ""),
            e);
      }
    }
    if (isConnectionClose(e, AMQP.NOT_ALLOWED) || isConnectionClose(e, AMQP.ACCESS_REFUSED)) {
      throw new BridgeException(
          "the AMQP broker refused user '"
              + config.amqp().user()
              + "' on virtual host '"
              + config.amqp().virtualHost()
              + "': "
              + reason(e),
          e);
    }
    return reason(e);
  }

  private static boolean isChannelClose(Exception e, int code) {
    ShutdownSignalException s = shutdownSignal(e);
    return s != null
        && !s.isHardError()
        && s.getReason() instanceof AMQP.Channel.Close close
        && close.getReplyCode() == code;
  }

  private static boolean isConnectionClose(Exception e, int code) {
    ShutdownSignalException s = shutdownSignal(e);
    return s != null
        && s.isHardError()
        && s.getReason() instanceof AMQP.Connection.Close close
        && close.getReplyCode() == code;
  }

  private static ShutdownSignalException shutdownSignal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException s) {
        return s;
      }
    }
    return null;
  }

  private static String reason(Throwable e) {
    ShutdownSignalException s = shutdownSignal(e);
    if (s != null && s.getReason() instanceof AMQP.Channel.Close close) {
      return close.getReplyCode() + " " + close.getReplyText();
    }
    if (s != null && s.getReason() instanceof AMQP.Connection.Close close) {
      return close.getReplyCode() + " " + close.getReplyText();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private void sleep(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    synchronized (sleeper) {
      while (!stopping) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(sleeper, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      if (connection.isOpen()) {
        connection.close((int) CLOSE_TIMEOUT.toMillis());
      }
    } catch (IOException | ShutdownSignalException e) {
      connection.abort();
    }
  }

  /**
   * The observations topic must exist (a typo would feed nothing); the dead-letter topic is made.
   */
  private void checkTopics() {
    BridgeTopics.check(
        config.kafka(),
        config.observationsTopic(),
        "check the name (--observations-topic), or create Asperity's topics (./asperity topics).",
        new TopicSpec(
            config.deadLetterTopic(),
            Topic.OBSERVATIONS_DEAD_LETTER.partitions(),
            Topic.OBSERVATIONS_DEAD_LETTER.configs()));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "AmqpIngest[%s -> %s]", config.queue(), config.observationsTopic());
  }
}
