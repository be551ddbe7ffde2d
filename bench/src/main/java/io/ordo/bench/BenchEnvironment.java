package io.ordo.bench;

import io.ordo.embedded.EmbeddedKafkaServer;
import io.ordo.embedded.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every benchmark runs against: fresh embedded PostgreSQL and Kafka in this JVM, and the
 * shipped {@code ordo.jar} in a JVM of its own pointed at them (its log in {@code target/}).
 */
record BenchEnvironment(
    EmbeddedPostgresServer postgres, EmbeddedKafkaServer kafka, OrdoProcess ordo)
    implements AutoCloseable {

  static BenchEnvironment start(String name) throws Exception {
    return start(name, Map.of());
  }

  /** As {@link #start(String)}, with PostgreSQL server settings of the benchmark's own. */
  static BenchEnvironment start(String name, Map<String, String> postgresConfig) throws Exception {
    Path jar = ordoJar();
    Path dir = Files.createTempDirectory(name + "-");
    var postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0, postgresConfig);
    var kafka = EmbeddedKafkaServer.start(dir.resolve("kafka"), 0);
    var ordo =
        new OrdoProcess(
            jar,
            List.of(
                "spring.datasource.url=" + postgres.jdbcUrl(),
                "spring.datasource.username=" + postgres.username(),
                "spring.datasource.password=" + postgres.password(),
                "ordo.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "logging.level.root=WARN"),
            Path.of("target", name + ".log"));
    ordo.awaitReady(Duration.ofMinutes(2));
    return new BenchEnvironment(postgres, kafka, ordo);
  }

  /**
   * {@code -Dordo.jar=…}, else the build's jar, from the repository root or from {@code bench/}.
   */
  private static Path ordoJar() {
    String given = System.getProperty("ordo.jar");
    if (given != null) {
      return Path.of(given).toAbsolutePath();
    }
    Path fromRoot = Path.of("orchestrator", "target", "ordo.jar");
    return (Files.exists(fromRoot) ? fromRoot : Path.of("..").resolve(fromRoot)).toAbsolutePath();
  }

  @Override
  public void close() throws Exception {
    ordo.close();
    kafka.close();
    postgres.close();
  }
}
