package io.ordo.embedded;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The settings of a single-node Kafka cluster: one process that is both the KRaft controller and
 * the broker.
 */
record BrokerConfig(Path logDirectory, int brokerPort, int controllerPort) {

  static final int NODE_ID = 1;
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  String bootstrapServers() {
    return "localhost:" + brokerPort;
  }

  Properties toProperties() {
    Properties props = new Properties();
    props.putAll(node());
    props.putAll(singleReplica());
    props.putAll(defaults());
    props.putAll(footprint());
    return props;
  }

  private Properties node() {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    // A static voter set: the controller's address is read from this setting on every start, so the
    // controller port may change between restarts (a dynamic quorum would store it in the log).
    props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put(
        "listeners",
        "%s://localhost:%d,%s://localhost:%d"
            .formatted(BROKER_LISTENER, brokerPort, CONTROLLER_LISTENER, controllerPort));
    props.put("advertised.listeners", "%s://localhost:%d".formatted(BROKER_LISTENER, brokerPort));
    props.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", BROKER_LISTENER);
    props.put("log.dirs", logDirectory.toString());
    return props;
  }

  /** There is one broker, so every internal topic must make do with one replica. */
  private static Properties singleReplica() {
    Properties props = new Properties();
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    return props;
  }

  private static Properties defaults() {
    Properties props = new Properties();
    props.put("auto.create.topics.enable", "true");
    props.put("num.partitions", "8");
    // No one else is going to join: waiting for more members only delays every consumer's first
    // poll.
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.leader.rebalance.enable", "false");
    return props;
  }

  /**
   * Keeps a broker that shares its JVM and two cores with the application small and quick to start
   * and stop.
   */
  private static Properties footprint() {
    Properties props = new Properties();
    props.put("offsets.topic.num.partitions", "8");
    props.put("transaction.state.log.num.partitions", "8");
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "4");
    props.put("background.threads", "4");
    props.put("log.cleaner.threads", "1");
    props.put(
        "log.cleaner.dedupe.buffer.size",
        Integer.toString(8 * 1024 * 1024)); // default is 128 MiB of heap
    // A clean shutdown leaves the broker fenced in the metadata log, so the next start registers at
    // once.
    // After a crash the controller keeps the old registration until its session expires: the
    // session
    // timeout is how long a restart after a crash waits (the default of 9 s made it take 9 s).
    props.put("controlled.shutdown.enable", "true");
    props.put("broker.heartbeat.interval.ms", "500");
    props.put("broker.session.timeout.ms", "3000");
    props.put("controller.quorum.election.timeout.ms", "500");
    return props;
  }
}
