package io.ordo.orchestrator.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Repository;

/**
 * The {@code outbox} table as the relay sees it. Each shard is relayed by one orchestrator at a
 * time: the one holding the shard's advisory lock, which lives on a connection of the relay's own
 * and ends with it. Reading and deleting run outside any long transaction, so nothing is locked
 * while Kafka acknowledges.
 */
@Repository
public class JdbcOutboxStore {

  /** Advisory locks of outbox shards are {@code (LOCK_SPACE, shard)}: 'ordo' in ASCII. */
  private static final int LOCK_SPACE = 0x6f72646f;

  /** A message waiting to go to Kafka; {@code id} is 0 until it is stored. */
  public record OutboxMessage(
      long id, int shard, String topic, String key, byte[] payload, @Nullable String traceparent) {

    static OutboxMessage unsaved(
        int shard, String topic, String key, byte[] payload, @Nullable String traceparent) {
      return new OutboxMessage(0, shard, topic, key, payload, traceparent);
    }

    OutboxMessage withId(long stored) {
      return new OutboxMessage(stored, shard, topic, key, payload, traceparent);
    }
  }

  private final DataSource dataSource;

  public JdbcOutboxStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A connection of the relay's own, which holds the advisory locks of the shards it relays. */
  public Session open() throws SQLException {
    return new Session(dataSource, dataSource.getConnection());
  }

  /**
   * The relay's connection. Closing it releases every shard it holds, and takes the connection out
   * of the pool: session locks must not live on in a pooled connection someone else borrows.
   */
  public static final class Session implements AutoCloseable {

    private final DataSource pool;
    private final Connection connection;
    private final JdbcTemplate jdbc;

    private Session(DataSource pool, Connection connection) throws SQLException {
      connection.setAutoCommit(true);
      this.pool = pool;
      this.connection = connection;
      this.jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    }

    /** Takes the shard unless another relay holds it. */
    public boolean tryHold(int shard) {
      return Boolean.TRUE.equals(
          jdbc.queryForObject(
              "select pg_try_advisory_lock(?, ?)", Boolean.class, LOCK_SPACE, shard));
    }

    public void release(int shard) {
      jdbc.queryForObject("select pg_advisory_unlock(?, ?)", Boolean.class, LOCK_SPACE, shard);
    }

    /**
     * The oldest messages of these shards but those in {@code skip} (sent, not yet deleted), in id
     * order: a run's messages are committed in id order, so they leave in commit order.
     */
    public List<OutboxMessage> pending(
        Collection<Integer> shards, Collection<Long> skip, int limit) {
      return jdbc.query(
          ArrayStatement.of(
                  """
                  select id, shard, topic, message_key, payload, traceparent from outbox
                  where shard = any(?) and id <> all(?) order by id limit ?""")
              .column("int2", shards.stream().map(Integer::shortValue).toList())
              .column("int8", List.copyOf(skip))
              .then(limit),
          (rs, i) ->
              new OutboxMessage(
                  rs.getLong(1),
                  rs.getInt(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getBytes(5),
                  rs.getString(6)));
    }

    /** Deletes messages Kafka acknowledged. */
    public void delete(Collection<Long> ids) {
      if (!ids.isEmpty()) {
        jdbc.update(
            ArrayStatement.of("delete from outbox where id = any(?)")
                .column("int8", List.copyOf(ids)));
      }
    }

    public boolean isValid() {
      try {
        return connection.isValid(2);
      } catch (SQLException e) {
        return false;
      }
    }

    @Override
    public void close() {
      try {
        if (isValid()) {
          jdbc.queryForObject("select pg_advisory_unlock_all() is null", Boolean.class);
        }
      } catch (RuntimeException ignored) {
        // the locks go with the connection below
      }
      try {
        if (pool.isWrapperFor(HikariDataSource.class)) {
          pool.unwrap(HikariDataSource.class).evictConnection(connection);
        } else {
          connection.close();
        }
      } catch (SQLException ignored) {
        // closed already
      }
    }
  }
}
