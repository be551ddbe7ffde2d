package io.ordo.orchestrator.store;

import io.ordo.orchestrator.engine.Command;
import io.ordo.orchestrator.engine.HistoryEntry;
import io.ordo.orchestrator.engine.TimerKey;
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
 * Starting child runs is not done here but by the caller ({@code ChildRuns}), before this.
 */
@Repository
public class JdbcTransitionWriter {

  private static final String INSERT_OUTBOX =
      """
      insert into outbox (topic, message_key, payload, traceparent, created_at)
      values (?, ?, ?, ?, ?)""";

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
    List<Object[]> childTimers = new ArrayList<>();
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
          case Command.StartChildRun
                  s -> {} // started by ChildRuns before the transition is written
          case Command.CancelChildRun c ->
              childTimers.add(childTimer(c.runId(), TimerKey.CANCEL, at));
          case Command.CompensateChildRun c ->
              childTimers.add(childTimer(c.runId(), TimerKey.compensate(c.requester()), at));
          case Command.ReportToParent r ->
              outbox.add(messages.report(r, t.state().runId(), t.state().startedAt(), now, at));
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
    // A child run that never started (its start failed and was reported) has no row: skip it.
    batch(
        """
        insert into timers (run_id, timer_key, fire_at)
        select ?, ?, ? where exists (select 1 from runs where run_id = ?)
        on conflict (run_id, timer_key) do update set fire_at = excluded.fire_at""",
        childTimers);
    batch(INSERT_OUTBOX, outbox);
  }

  /**
   * Tells a parent that its child run could not start: a failed result for the attempt that waits
   * for it, as the child would have sent.
   */
  public void reportNotStarted(Command.ReportToParent report, String childRunId, Instant now) {
    Timestamp at = Timestamp.from(now);
    jdbc.update(INSERT_OUTBOX, messages.report(report, childRunId, now, now, at));
  }

  /** A timer on another run (a child), due at once: the timer poller applies it to that run. */
  private static Object[] childTimer(String childRunId, TimerKey key, Timestamp at) {
    UUID id = UUID.fromString(childRunId);
    return new Object[] {id, key.id(), at, id};
  }

  private void batch(String sql, List<Object[]> rows) {
    if (!rows.isEmpty()) {
      jdbc.batchUpdate(sql, rows);
    }
  }
}
