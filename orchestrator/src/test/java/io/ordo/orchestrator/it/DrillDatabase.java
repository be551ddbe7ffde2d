package io.ordo.orchestrator.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/** A database of its own on the tests' PostgreSQL, for a drill that runs Ordo in other JVMs. */
record DrillDatabase(String jdbcUrl, String username, String password) {

  static DrillDatabase create(String prefix) throws SQLException {
    TestInfrastructure.Endpoints endpoints = TestInfrastructure.get();
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c =
            DriverManager.getConnection(
                endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    String url = endpoints.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    return new DrillDatabase(url, endpoints.username(), endpoints.password());
  }

  /** The settings that point an orchestrator at this database. */
  List<String> settings() {
    return List.of(
        "spring.datasource.url=" + jdbcUrl,
        "spring.datasource.username=" + username,
        "spring.datasource.password=" + password);
  }

  /**
   * Topics and groups of their own on the tests' broker, for orchestrators that share it with the
   * other tests.
   */
  static List<String> isolatedKafka(String prefix) {
    String topics = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    return List.of(
        "ordo.kafka.bootstrap-servers=" + TestInfrastructure.get().kafka(),
        "ordo.kafka.function-topic-prefix=" + topics + ".fn.",
        "ordo.kafka.results-topic=" + topics + ".results",
        "ordo.kafka.dead-letter-topic=" + topics + ".dead-letter",
        "ordo.kafka.runs-topic=" + topics + ".runs",
        "ordo.kafka.consumer-group=" + topics + "-orchestrator",
        "ordo.examples.worker-group=" + topics + "-workers");
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, username, password);
  }
}
