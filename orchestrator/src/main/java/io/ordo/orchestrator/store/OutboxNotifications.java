package io.ordo.orchestrator.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL {@code LISTEN}/{@code NOTIFY} on channel {@value #CHANNEL}: an instance that commits
 * outbox messages of a shard another instance relays tells it so, and that relay reads them at once
 * instead of at its next idle poll.
 */
@Component
public class OutboxNotifications implements SmartLifecycle {

  static final String CHANNEL = "ordo_outbox";

  private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private Thread thread;

  public OutboxNotifications(DataSource dataSource, JdbcTemplate jdbc) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
  }

  public void onNotify(Runnable listener) {
    listeners.add(listener);
  }

  /** Tells the other instances' relays that there is something to read. */
  public void notifyOthers() {
    try {
      jdbc.execute("notify " + CHANNEL);
    } catch (RuntimeException e) {
      log.debug("could not notify the other relays; they find the messages at their idle poll", e);
    }
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("ordo-outbox-listener").daemon().start(this::listen);
  }

  private void listen() {
    while (running) {
      Connection connection = null;
      try {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("listen " + CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] received = pg.getNotifications(1_000);
          if (received != null && received.length > 0) {
            listeners.forEach(Runnable::run);
          }
        }
      } catch (SQLException e) {
        if (running) {
          log.debug("outbox notifications interrupted; listening again", e);
          pause();
        }
      } finally {
        evict(connection);
      }
    }
  }

  /** A listening connection must not go back to the pool, where someone else would get it. */
  private void evict(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
      } else {
        connection.close();
      }
    } catch (SQLException ignored) {
      // gone already
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
