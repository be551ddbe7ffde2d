package io.ordo.orchestrator.store;

import io.ordo.orchestrator.engine.TimerKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code timers} table: finding due timers and consuming each exactly once. */
@Repository
public class JdbcTimerStore {

  /** A timer that has come due. */
  public record DueTimer(String runId, TimerKey key) {}

  private final JdbcClient jdbc;

  public JdbcTimerStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Due timers, oldest first; reading takes no lock (consuming does). */
  public List<DueTimer> due(Instant now, int limit) {
    return jdbc.sql(
            "select run_id, timer_key from timers where fire_at <= ? order by fire_at limit ?")
        .params(Timestamp.from(now), limit)
        .query((rs, i) -> new DueTimer(rs.getString(1), TimerKey.parse(rs.getString(2))))
        .list();
  }

  /**
   * Deletes the timer if it is still due; false when another instance consumed it first or it was
   * moved later (a heartbeat) — then it must not fire now. Call with the run locked.
   */
  public boolean consume(String runId, TimerKey key, Instant now) {
    return jdbc.sql("delete from timers where run_id = ? and timer_key = ? and fire_at <= ?")
            .params(UUID.fromString(runId), key.id(), Timestamp.from(now))
            .update()
        == 1;
  }
}
