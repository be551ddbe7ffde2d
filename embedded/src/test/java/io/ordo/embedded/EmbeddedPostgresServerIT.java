package io.ordo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

  @TempDir Path dataDirectory;

  @Test
  void keepsDataAcrossARestartOnTheSameDirectory() throws Exception {
    try (var postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
      execute(postgres, "create table note (text text)", "insert into note values ('kept')");
    }

    try (var postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
      assertThat(notes(postgres, "note")).containsExactly("kept");
    }
  }

  @Test
  void runsWithDurableCommitsAndRoomForManyConnections() throws Exception {
    try (var postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
      assertThat(
              notes(
                  postgres,
                  "(select setting as text from pg_settings where name in "
                      + "('fsync', 'synchronous_commit', 'max_connections') order by name) settings"))
          .containsExactly("on", "200", "on");
    }
  }

  @Test
  void takesOverTheDirectoryOfAServerThatWasNeverClosed() throws Exception {
    var forgotten = EmbeddedPostgresServer.start(dataDirectory, 0);
    execute(forgotten, "create table note (text text)", "insert into note values ('kept')");

    try (var postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
      assertThat(notes(postgres, "note")).containsExactly("kept");
    }
  }

  @Test
  void takesOverThePostgresOrphanedByAKilledJvmWithItsData() throws Exception {
    ChildJvm child = ChildJvm.startServer("postgres", dataDirectory);
    child.kill();
    var orphan = OrphanedPostmaster.find(dataDirectory);
    assertThat(orphan).as("postmaster outlives its JVM").isPresent();

    try (var postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
      assertThat(notes(postgres, "crash_test")).containsExactly(ServerThatGetsKilled.TABLE_ROW);
      assertThat(OrphanedPostmaster.find(dataDirectory))
          .as("the same postmaster goes on serving")
          .map(OrphanedPostmaster::pid)
          .contains(orphan.get().pid());
    }
    assertThat(orphan.get().process().isAlive()).as("closing stops what was taken over").isFalse();
  }

  @Test
  void stopsTheOrphanedPostgresWhenAnotherPortIsAskedFor() throws Exception {
    ChildJvm child = ChildJvm.startServer("postgres", dataDirectory);
    child.kill();
    var orphan = OrphanedPostmaster.find(dataDirectory).orElseThrow();
    int port = FreePort.pick();

    try (var postgres = EmbeddedPostgresServer.start(dataDirectory, port)) {
      assertThat(postgres.port()).isEqualTo(port);
      assertThat(orphan.process().isAlive()).isFalse();
      assertThat(notes(postgres, "crash_test")).containsExactly(ServerThatGetsKilled.TABLE_ROW);
    }
  }

  private static void execute(EmbeddedPostgresServer postgres, String... statements)
      throws SQLException {
    try (Connection connection = connect(postgres);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static List<String> notes(EmbeddedPostgresServer postgres, String from)
      throws SQLException {
    try (Connection connection = connect(postgres);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select * from " + from)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private static Connection connect(EmbeddedPostgresServer postgres) throws SQLException {
    return DriverManager.getConnection(
        postgres.jdbcUrl(), postgres.username(), postgres.password());
  }
}
