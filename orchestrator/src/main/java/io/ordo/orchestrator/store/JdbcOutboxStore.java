package io.ordo.orchestrator.store;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code outbox} table, as the relay reads it. */
@Repository
public class JdbcOutboxStore {

  /** A message waiting to go to Kafka. */
  public record OutboxMessage(
      long id, String topic, String key, byte[] payload, @Nullable String traceparent) {}

  private final JdbcTemplate jdbc;

  public JdbcOutboxStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The oldest messages no other relay holds, locked until the transaction ends; several
   * orchestrator instances relay side by side without sending a message twice on the happy path.
   */
  public List<OutboxMessage> lockOldest(int limit) {
    return jdbc.query(
        """
            select id, topic, message_key, payload, traceparent from outbox
            order by id limit ? for update skip locked""",
        (rs, i) ->
            new OutboxMessage(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5)),
        limit);
  }

  public void delete(List<OutboxMessage> sent) {
    Long[] ids = sent.stream().map(OutboxMessage::id).toArray(Long[]::new);
    jdbc.update("delete from outbox where id = any(?)", (Object) ids);
  }
}
