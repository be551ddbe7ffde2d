package io.ordo.orchestrator.store;

import io.ordo.orchestrator.engine.RunState;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code runs} table: one row per run, the engine's state as JSON plus columns to list by. */
@Repository
public class JdbcRunStore {

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final JsonMapper json;

  public JdbcRunStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
    this.jdbc = jdbc;
    this.template = template;
    this.json = json;
  }

  /**
   * Inserts a new run (a child run with its parent's id); false when a run with the same id, or
   * with the same workflow and idempotency key, exists.
   */
  public boolean insert(RunState run, @Nullable String idempotencyKey) {
    int rows =
        jdbc.sql(
                """
            insert into runs (run_id, workflow_name, workflow_version, status, idempotency_key,
                              state, created_at, updated_at, finished_at, parent_run_id)
            values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
            on conflict do nothing""")
            .params(
                UUID.fromString(run.runId()),
                run.workflow(),
                run.version(),
                run.status().name(),
                idempotencyKey,
                json.writeValueAsString(run),
                ts(run.startedAt()),
                ts(run.updatedAt()),
                run.finishedAt() == null ? null : ts(run.finishedAt()),
                run.parent() == null ? null : UUID.fromString(run.parent().runId()))
            .update();
    return rows == 1;
  }

  public boolean exists(String runId) {
    return jdbc.sql("select exists (select 1 from runs where run_id = ?)")
        .param(UUID.fromString(runId))
        .query(Boolean.class)
        .single();
  }

  /**
   * How many runs up the chain of parents a run has: 0 for a run started from outside, 1 for its
   * child, … Stops counting past {@code limit}, so a broken chain cannot loop.
   */
  public int depth(String runId, int limit) {
    return jdbc.sql(
            """
            with recursive chain (run_id, parent_run_id, depth) as (
                select run_id, parent_run_id, 0 from runs where run_id = ?
                union all
                select r.run_id, r.parent_run_id, c.depth + 1
                from runs r join chain c on r.run_id = c.parent_run_id
                where c.depth <= ?)
            select coalesce(max(depth), 0) from chain""")
        .params(UUID.fromString(runId), limit)
        .query(Integer.class)
        .single();
  }

  public Optional<String> findByIdempotencyKey(String workflow, String key) {
    return jdbc.sql("select run_id from runs where workflow_name = ? and idempotency_key = ?")
        .params(workflow, key)
        .query((rs, i) -> rs.getString(1))
        .optional();
  }

  public Optional<RunState> find(String runId) {
    return jdbc.sql("select state from runs where run_id = ?")
        .param(UUID.fromString(runId))
        .query((rs, i) -> json.readValue(rs.getString(1), RunState.class))
        .optional();
  }

  /**
   * Locks the runs (in id order, so that concurrent batches cannot deadlock on each other) and
   * returns their states; ids with no run are absent from the map. The lock is {@code no key
   * update}: it excludes other transitions of the run but not a parent's transaction setting a
   * timer on it (a foreign key check takes {@code key share}), which would otherwise deadlock with
   * a batch that holds the child and waits for the parent.
   */
  public Map<String, RunState> lock(Collection<String> runIds) {
    UUID[] ids = runIds.stream().map(UUID::fromString).sorted().toArray(UUID[]::new);
    Map<String, RunState> runs = new HashMap<>();
    template.query(
        "select run_id, state from runs where run_id = any(?) order by run_id for no key update",
        rs -> {
          runs.put(rs.getString(1), json.readValue(rs.getString(2), RunState.class));
        },
        (Object) ids);
    return runs;
  }

  public void update(Collection<RunState> runs) {
    List<Object[]> rows = new ArrayList<>(runs.size());
    for (RunState run : runs) {
      rows.add(
          new Object[] {
            run.status().name(),
            json.writeValueAsString(run),
            ts(run.updatedAt()),
            run.finishedAt() == null ? null : ts(run.finishedAt()),
            UUID.fromString(run.runId())
          });
    }
    template.batchUpdate(
        """
        update runs set status = ?, state = ?::jsonb, updated_at = ?, finished_at = ?
        where run_id = ?""",
        rows);
  }

  static Timestamp ts(java.time.Instant instant) {
    return Timestamp.from(instant);
  }
}
