package io.ordo.orchestrator.it;

import io.ordo.embedded.EmbeddedKafkaServer;
import io.ordo.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL and Kafka every integration test in this JVM shares: containers where Docker
 * runs, the same embedded servers Ordo starts by itself where it does not (as on CI here).
 */
public final class TestInfrastructure {

  /** How to reach the database and the broker. */
  public record Endpoints(String jdbcUrl, String username, String password, String kafka) {}

  private static Endpoints endpoints;

  private TestInfrastructure() {}

  public static synchronized Endpoints get() {
    if (endpoints == null) {
      endpoints = DockerClientFactory.instance().isDockerAvailable() ? containers() : embedded();
    }
    return endpoints;
  }

  private static Endpoints containers() {
    var postgres = new PostgreSQLContainer("postgres:17-alpine");
    var kafka = new KafkaContainer("apache/kafka-native:4.1.0");
    postgres.start();
    kafka.start();
    return new Endpoints(
        postgres.getJdbcUrl(),
        postgres.getUsername(),
        postgres.getPassword(),
        kafka.getBootstrapServers());
  }

  private static Endpoints embedded() {
    try {
      Path dir = Files.createTempDirectory("ordo-it-");
      var postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
      var kafka = EmbeddedKafkaServer.start(dir.resolve("kafka"), 0);
      // PostgreSQL is a child process and must not outlive the JVM, but must outlive the
      // application contexts still using it: Spring runs these after closing every context.
      // The broker runs in this JVM and ends with it.
      SpringApplication.getShutdownHandlers().add(postgres::close);
      return new Endpoints(
          postgres.jdbcUrl(), postgres.username(), postgres.password(), kafka.bootstrapServers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
