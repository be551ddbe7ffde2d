package io.ordo.bench;

import io.ordo.embedded.EmbeddedKafkaServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker in a JVM of its own, from the same jars as the embedded one: either {@code
 * kafka.Kafka} with a stock {@code server.properties} (as {@code ../shared/peers/kafka-rtt} starts
 * it), or Ordo's {@link EmbeddedKafkaServer} with its own settings (this class's {@link #main}).
 */
final class ChildBroker implements AutoCloseable {

  private final Process process;
  private final String bootstrapServers;

  private ChildBroker(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * {@code kafka.Kafka} with the settings of the peer harness (everything else Kafka's default).
   */
  static ChildBroker stock(Path directory, int port, List<String> jvmArgs) throws Exception {
    Files.createDirectories(directory);
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@localhost:" + (port + 1));
    props.put(
        "listeners",
        "PLAINTEXT://localhost:%d,CONTROLLER://localhost:%d".formatted(port, port + 1));
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    props.put("log.dirs", directory.resolve("data").toString());
    props.put("num.partitions", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    Path file = directory.resolve("server.properties");
    try (var out = Files.newBufferedWriter(file)) {
      props.store(out, "stock single-node KRaft broker");
    }
    Path log = directory.resolve("broker.log");
    List<String> format =
        List.of(
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            file.toString());
    Process formatting = java(List.of(), format, directory.resolve("format.log"));
    if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
      throw new IllegalStateException("kafka-storage format failed; see " + directory);
    }
    Process broker = java(jvmArgs, List.of("kafka.Kafka", file.toString()), log);
    return await(new ChildBroker(broker, "localhost:" + port));
  }

  /** Ordo's {@link EmbeddedKafkaServer}, started by {@link #main} in a JVM of its own. */
  static ChildBroker ordo(Path directory, int port, List<String> jvmArgs) throws Exception {
    Files.createDirectories(directory);
    List<String> main =
        List.of(ChildBroker.class.getName(), directory.toString(), Integer.toString(port));
    Process broker = java(jvmArgs, main, directory.resolve("broker.log"));
    return await(new ChildBroker(broker, "localhost:" + port));
  }

  /** The child JVM's side of {@link #ordo}: runs the embedded broker until stdin closes. */
  public static void main(String[] args) throws Exception {
    try (var kafka = EmbeddedKafkaServer.start(Path.of(args[0]), Integer.parseInt(args[1]))) {
      while (System.in.read() >= 0) {
        // runs until the parent closes the pipe (or dies)
      }
    }
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  long pid() {
    return process.pid();
  }

  private static Process java(List<String> jvmArgs, List<String> mainAndArgs, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classpath()));
    command.addAll(mainAndArgs);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * The benchmark's own class path: under {@code exec:java} the project's jars are in the class
   * loader that loaded this class, not in {@code java.class.path} (Maven's launcher).
   */
  static String classpath() {
    if (ChildBroker.class.getClassLoader() instanceof URLClassLoader loader) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException e) {
          throw new IllegalStateException(e);
        }
      }
      return String.join(System.getProperty("path.separator"), entries);
    }
    return System.getProperty("java.class.path");
  }

  private static ChildBroker await(ChildBroker broker) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000))) {
      while (true) {
        if (!broker.process.isAlive()) {
          throw new IllegalStateException("the child broker exited while starting");
        }
        try {
          admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
          return broker;
        } catch (Exception notYet) {
          if (Instant.now().isAfter(deadline)) {
            broker.close();
            throw new IllegalStateException("the child broker did not start within 90 s");
          }
          Thread.sleep(200);
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException alreadyGone) {
      // the child exited already
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
