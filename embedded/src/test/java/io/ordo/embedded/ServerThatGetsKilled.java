package io.ordo.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs in a child JVM: starts a server, writes data to it, says {@value ChildJvm#READY} and waits
 * to be killed.
 */
final class ServerThatGetsKilled {

  static final String TABLE_ROW = "written before the crash";
  static final String TOPIC = "before-crash";

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[1]);
    switch (args[0]) {
      case "postgres" -> writeRow(EmbeddedPostgresServer.start(directory, 0));
      case "kafka" -> produce(EmbeddedKafkaServer.start(directory, 0));
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.println(ChildJvm.READY);
    System.out.flush();
    Thread.currentThread().join();
  }

  private static void writeRow(EmbeddedPostgresServer postgres) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        Statement statement = connection.createStatement()) {
      statement.execute("create table crash_test (note text)");
      statement.execute("insert into crash_test values ('" + TABLE_ROW + "')");
    }
  }

  private static void produce(EmbeddedKafkaServer kafka) throws Exception {
    Map<String, Object> config =
        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all");
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, "key", TABLE_ROW)).get();
    }
  }
}
