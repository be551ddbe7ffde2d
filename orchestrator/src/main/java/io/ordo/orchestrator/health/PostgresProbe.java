package io.ordo.orchestrator.health;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * PostgreSQL answers a query within the timeout. The probe keeps one connection of its own, outside
 * the pool, so that a saturated pool or its 30-second wait for a connection never delays the
 * verdict; it opens a new one (with the same timeout) after a failure.
 */
final class PostgresProbe extends DependencyProbe implements AutoCloseable {

  private static final Executor DIRECT = Runnable::run;

  private final HikariDataSource pool;
  private Connection connection;

  PostgresProbe(HikariDataSource pool, Clock clock, Duration timeout) {
    super(clock, timeout);
    this.pool = pool;
  }

  @Override
  protected void check(Duration timeout) throws SQLException {
    if (connection == null) {
      connection = open(timeout);
    }
    int seconds = (int) Math.max(1, timeout.toSeconds());
    connection.setNetworkTimeout(DIRECT, (int) timeout.toMillis());
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(seconds);
      s.execute("select 1");
    }
  }

  private Connection open(Duration timeout) throws SQLException {
    Properties properties = new Properties();
    properties.putAll(pool.getDataSourceProperties());
    if (pool.getUsername() != null) {
      properties.setProperty("user", pool.getUsername());
    }
    if (pool.getPassword() != null) {
      properties.setProperty("password", pool.getPassword());
    }
    long seconds = Math.max(1, timeout.toSeconds());
    properties.setProperty("connectTimeout", Long.toString(seconds));
    properties.setProperty("socketTimeout", Long.toString(seconds));
    properties.setProperty("loginTimeout", Long.toString(seconds));
    properties.setProperty("ApplicationName", "ordo-health");
    return DriverManager.getConnection(pool.getJdbcUrl(), properties);
  }

  @Override
  protected void onFailure() {
    close();
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // it is broken anyway
      }
      connection = null;
    }
  }
}
