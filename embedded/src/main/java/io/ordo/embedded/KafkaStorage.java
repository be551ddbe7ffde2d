package io.ordo.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft log directory the way {@code kafka-storage.sh format} does, once, on first start.
 */
final class KafkaStorage {

  private static final Logger log = LoggerFactory.getLogger(KafkaStorage.class);
  private static final String META_PROPERTIES = "meta.properties";

  private KafkaStorage() {}

  static boolean isFormatted(Path logDirectory) {
    return Files.isRegularFile(logDirectory.resolve(META_PROPERTIES));
  }

  static void formatIfNeeded(BrokerConfig config) {
    if (isFormatted(config.logDirectory())) {
      return;
    }
    String clusterId = Uuid.randomUuid().toString();
    try {
      Files.createDirectories(config.logDirectory());
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(BrokerConfig.NODE_ID)
          .setClusterId(clusterId)
          .setControllerListenerName(BrokerConfig.CONTROLLER_LISTENER)
          .setMetadataLogDirectory(config.logDirectory().toString())
          .addDirectory(config.logDirectory().toString())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not format Kafka storage in " + config.logDirectory(), e);
    }
    log.info("Formatted Kafka storage in {} for cluster {}", config.logDirectory(), clusterId);
  }
}
