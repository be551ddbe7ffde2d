package io.ordo.orchestrator.store;

import io.ordo.orchestrator.engine.Command;
import io.ordo.orchestrator.engine.HistoryEntry;
import io.ordo.orchestrator.engine.Transition;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what transitions cause besides the new state: history lines, outbox messages and timers,
 * batched per table. Runs in the caller's transaction, so they commit with the state or not at all.
 */
@Repository
public class JdbcTransitionWriter {

  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final OutboxMessages messages;

  public JdbcTransitionWriter(JdbcTemplate jdbc, JsonMapper json, OutboxMessages messages) {
    this.jdbc = jdbc;
    this.json = json;
    this.messages = messages;
  }

  public void write(List<Transition> transitions, Instant now) {
    List<Object[]> history = new ArrayList<>();
    List<Object[]> outbox = new ArrayList<>();
    List<Object[]> timersToSet = new ArrayList<>();
    List<Object[]> timersToDrop = new ArrayList<>();
    Timestamp at = Timestamp.from(now);
    for (Transition t : transitions) {
      UUID runId = UUID.fromString(t.state().runId());
      for (HistoryEntry entry : t.history()) {
        history.add(new Object[] {runId, entry.type(), at, json.writeValueAsString(entry.data())});
      }
      for (Command command : t.commands()) {
        switch (command) {
          case Command.DispatchStep d -> outbox.add(messages.dispatch(d, at));
          case Command.PublishRunEnded e -> outbox.add(messages.runEnded(e, at));
          case Command.ScheduleTimer s ->
              timersToSet.add(new Object[] {runId, s.timer().id(), Timestamp.from(s.fireAt())});
          case Command.CancelTimer c -> timersToDrop.add(new Object[] {runId, c.timer().id()});
        }
      }
    }
    batch("insert into run_events (run_id, type, at, data) values (?, ?, ?, ?::jsonb)", history);
    batch("delete from timers where run_id = ? and timer_key = ?", timersToDrop);
    batch(
        """
        insert into timers (run_id, timer_key, fire_at) values (?, ?, ?)
        on conflict (run_id, timer_key) do update set fire_at = excluded.fire_at""",
        timersToSet);
    batch(
        """
        insert into outbox (topic, message_key, payload, traceparent, created_at)
        values (?, ?, ?, ?, ?)""",
        outbox);
  }

  private void batch(String sql, List<Object[]> rows) {
    if (!rows.isEmpty()) {
      jdbc.batchUpdate(sql, rows);
    }
  }
}
