package org.asperity.kafka.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Server properties of a single-node KRaft broker that is also its own controller. */
final class BrokerProperties {
  static final int NODE_ID = 1;
  static final String CLIENT_LISTENER = "CLIENT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  private BrokerProperties() {}

  static Properties build(
      int clientPort,
      int controllerPort,
      Path dataDir,
      Optional<ScramSecurity> security,
      Map<String, String> overrides) {
    String host = FreePorts.LOOPBACK;
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    // A static voter set: no dynamic-quorum bootstrap, the one node elects itself at once.
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
    p.setProperty(
        "listeners",
        CLIENT_LISTENER
            + "://"
            + host
            + ":"
            + clientPort
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + controllerPort);
    p.setProperty("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + clientPort);
    p.setProperty("inter.broker.listener.name", CLIENT_LISTENER);
    p.setProperty("log.dirs", dataDir.toString());

    // One node: every internal topic has one replica, and in-sync means that one.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    // Internal topics default to 50 partitions each; one is plenty here and creates in a blink.
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    p.setProperty("share.coordinator.state.topic.num.partitions", "1");
    // Nobody else will join: do not hold the first rebalance back.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("group.streams.initial.rebalance.delay.ms", "0");
    // Topics are created on purpose (TopicAdmin, the builder); a typo must not invent one.
    p.setProperty("auto.create.topics.enable", "false");

    // Footprint: tests and the launcher run several of these beside a Flink MiniCluster.
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "4");
    p.setProperty("background.threads", "4");
    p.setProperty("num.recovery.threads.per.data.dir", "1");
    p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));

    if (security.isPresent()) {
      addSecurity(p, security.get());
    } else {
      p.setProperty(
          "listener.security.protocol.map",
          CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    }
    overrides.forEach(p::setProperty);
    return p;
  }

  private static void addSecurity(Properties p, ScramSecurity security) {
    String client = CLIENT_LISTENER.toLowerCase(java.util.Locale.ROOT);
    String controller = CONTROLLER_LISTENER.toLowerCase(java.util.Locale.ROOT);
    p.setProperty(
        "listener.security.protocol.map",
        CLIENT_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
    p.setProperty("listener.name." + client + ".sasl.enabled.mechanisms", ScramSecurity.MECHANISM);
    p.setProperty("sasl.mechanism.inter.broker.protocol", ScramSecurity.MECHANISM);
    p.setProperty(
        "listener.name." + client + ".scram-sha-512.sasl.jaas.config",
        ScramSecurity.scramJaas(security.adminUser(), security.adminPassword()));
    p.setProperty("listener.name." + controller + ".sasl.enabled.mechanisms", "PLAIN");
    p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
    p.setProperty(
        "listener.name." + controller + ".plain.sasl.jaas.config", security.controllerJaas());
    p.setProperty(
        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.setProperty(
        "super.users", "User:" + security.adminUser() + ";User:" + ScramSecurity.CONTROLLER_USER);
    p.setProperty("allow.everyone.if.no.acl.found", "false");
  }
}
