package io.ordo.orchestrator.store;

import io.ordo.orchestrator.engine.Command;
import io.ordo.orchestrator.engine.HistoryEntry;
import io.ordo.orchestrator.engine.Transition;
import io.ordo.orchestrator.store.JdbcOutboxStore.OutboxMessage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what transitions cause besides the new state: history lines, outbox messages, and what a
 * parent asks of its child runs, one statement per table for a whole batch. Runs in the caller's
 * transaction, so they commit with the state or not at all. Starting child runs is not done here
 * but by the caller ({@code ChildRuns}), before this.
 */
@Repository
public class JdbcTransitionWriter {

  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final OutboxMessages messages;
  private final Shards shards;

  public JdbcTransitionWriter(
      JdbcTemplate jdbc, JsonMapper json, OutboxMessages messages, Shards shards) {
    this.jdbc = jdbc;
    this.json = json;
    this.messages = messages;
    this.shards = shards;
  }

  /** Writes the transitions' history, messages and requests; returns the messages as stored. */
  public List<OutboxMessage> write(List<Transition> transitions, Instant now) {
    History history = new History();
    List<OutboxMessage> outbox = new ArrayList<>();
    List<UUID> requestRuns = new ArrayList<>();
    List<String> requestKeys = new ArrayList<>();
    Timestamp at = Timestamp.from(now);
    for (Transition t : transitions) {
      String runId = t.state().runId();
      int shard = shards.of(runId);
      for (HistoryEntry entry : t.history()) {
        history.add(runId, entry, at);
      }
      for (Command command : t.commands()) {
        switch (command) {
          case Command.DispatchStep d -> outbox.add(messages.dispatch(d, shard));
          case Command.PublishRunEnded e -> outbox.add(messages.runEnded(e, shard));
          case Command.ReportToParent r ->
              outbox.add(messages.report(r, runId, t.state().startedAt(), now, shard));
          case Command.StartChildRun s -> {} // started by ChildRuns before this
          case Command.CancelChildRun c -> {
            requestRuns.add(UUID.fromString(c.runId()));
            requestKeys.add(Requests.STOP);
          }
          case Command.CompensateChildRun c -> {
            requestRuns.add(UUID.fromString(c.runId()));
            requestKeys.add(Requests.compensate(c.requester()));
          }
        }
      }
    }
    history.insert(jdbc);
    insertRequests(requestRuns, requestKeys, at);
    return insertOutbox(outbox, at);
  }

  /**
   * Tells a parent that its child run could not start: a failed result for the attempt that waits
   * for it, as the child would have sent.
   */
  public List<OutboxMessage> reportNotStarted(
      Command.ReportToParent report, String childRunId, Instant now) {
    OutboxMessage message =
        messages.report(report, childRunId, now, now, shards.of(report.to().runId()));
    return insertOutbox(List.of(message), Timestamp.from(now));
  }

  private List<OutboxMessage> insertOutbox(List<OutboxMessage> rows, Timestamp at) {
    if (rows.isEmpty()) {
      return List.of();
    }
    // RETURNING gives the rows in the order unnest produced them, the order they are listed here.
    List<Long> ids =
        jdbc.query(
            ArrayStatement.of(
                    """
                    insert into outbox (shard, topic, message_key, payload, traceparent, created_at)
                    select u.shard, u.topic, u.key, decode(u.payload, 'hex'), u.traceparent, ?
                    from unnest(?::int2[], ?::text[], ?::text[], ?::text[], ?::text[])
                         as u(shard, topic, key, payload, traceparent)
                    returning id""")
                .then(at)
                .column("int2", rows.stream().map(m -> (short) m.shard()).toList())
                .column("text", rows.stream().map(OutboxMessage::topic).toList())
                .column("text", rows.stream().map(OutboxMessage::key).toList())
                .bytes(rows.stream().map(OutboxMessage::payload).toList())
                .column("text", rows.stream().map(OutboxMessage::traceparent).toList()),
            (rs, i) -> rs.getLong(1));
    List<OutboxMessage> stored = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      stored.add(rows.get(i).withId(ids.get(i)));
    }
    return stored;
  }

  /** A child run that never started (its start failed and was reported) has no row: skip it. */
  private void insertRequests(List<UUID> runs, List<String> keys, Timestamp at) {
    if (runs.isEmpty()) {
      return;
    }
    jdbc.update(
        ArrayStatement.of(
                """
                insert into run_requests (run_id, request_key, created_at)
                select u.run_id, u.key, ? from unnest(?::uuid[], ?::text[]) as u(run_id, key)
                where exists (select 1 from runs r where r.run_id = u.run_id)
                on conflict do nothing""")
            .then(at)
            .column("uuid", runs)
            .column("text", keys));
  }

  /** History lines of a batch, as columns. */
  private final class History {
    private final List<UUID> runs = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<Timestamp> times = new ArrayList<>();
    private final List<String> data = new ArrayList<>();

    void add(String runId, HistoryEntry entry, Timestamp at) {
      runs.add(UUID.fromString(runId));
      types.add(entry.type());
      times.add(at);
      data.add(json.writeValueAsString(entry.data()));
    }

    void insert(JdbcTemplate jdbc) {
      if (runs.isEmpty()) {
        return;
      }
      jdbc.update(
          ArrayStatement.of(
                  """
                  insert into run_events (run_id, type, at, data)
                  select u.run_id, u.type, u.at, u.data::jsonb
                  from unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::text[])
                       as u(run_id, type, at, data)""")
              .column("uuid", runs)
              .column("text", types)
              .column("timestamptz", times)
              .column("text", data));
    }
  }
}
