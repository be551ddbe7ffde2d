package io.ordo.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft controller and broker in one) running inside this JVM.
 *
 * <p>Topics and messages survive a restart on the same log directory, also when the port changes.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaServer.class);
  private static final Map<Path, EmbeddedKafkaServer> OPEN = new ConcurrentHashMap<>();

  private final KafkaRaftServer server;
  private final BrokerConfig config;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaServer(KafkaRaftServer server, BrokerConfig config) {
    this.server = server;
    this.config = config;
  }

  /**
   * Starts the broker on {@code logDirectory}, formatting it first if it has never been used.
   *
   * @param port the broker's TCP port on localhost, or 0 to pick a free one; the controller always
   *     gets a free one
   */
  public static EmbeddedKafkaServer start(Path logDirectory, int port) {
    long startedAt = System.nanoTime();
    int brokerPort = FreePort.resolve(port);
    BrokerConfig config =
        new BrokerConfig(
            logDirectory.toAbsolutePath().normalize(),
            brokerPort,
            FreePort.pickOtherThan(brokerPort));
    closeForgottenInstance(config.logDirectory());
    KafkaStorage.formatIfNeeded(config);
    KafkaRaftServer server =
        new KafkaRaftServer(KafkaConfig.fromProps(config.toProperties(), false), Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      server.shutdown();
      server.awaitShutdown();
      throw new IllegalStateException("could not start Kafka on " + config.bootstrapServers(), e);
    }
    log.info(
        "Kafka started on {} with logs in {} ({} ms)",
        config.bootstrapServers(),
        config.logDirectory(),
        Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
    EmbeddedKafkaServer started = new EmbeddedKafkaServer(server, config);
    OPEN.put(config.logDirectory(), started);
    return started;
  }

  /**
   * A forgotten, still-open broker in this JVM holds the directory's lock; closing it frees the
   * directory.
   */
  private static void closeForgottenInstance(Path logDirectory) {
    EmbeddedKafkaServer forgotten = OPEN.get(logDirectory);
    if (forgotten != null) {
      log.warn(
          "Kafka on {} was never closed; closing it before starting a new broker", logDirectory);
      forgotten.close();
    }
  }

  /** The {@code bootstrap.servers} value for clients. */
  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  public int port() {
    return config.brokerPort();
  }

  public Path logDirectory() {
    return config.logDirectory();
  }

  /**
   * Stops the broker and the controller and waits until they are down. Calling it again does
   * nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    OPEN.remove(config.logDirectory(), this);
    long stoppingAt = System.nanoTime();
    server.shutdown();
    server.awaitShutdown();
    log.info(
        "Kafka on {} stopped ({} ms)",
        config.bootstrapServers(),
        Duration.ofNanos(System.nanoTime() - stoppingAt).toMillis());
  }
}
