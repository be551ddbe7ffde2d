package io.ordo.orchestrator.store;

import io.ordo.orchestrator.engine.RunState;
import io.ordo.orchestrator.engine.Transition.ChangedStep;
import io.ordo.orchestrator.store.RunJson.StoredStep;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code runs} and {@code run_steps} tables. A run's row holds its hot state and its version; a
 * transition rewrites the row and only the step executions it changed. Every statement takes a
 * whole batch of runs at once.
 */
@Repository
public class JdbcRunStore {

  /** A run's row as a transition finds it: locked, with its head still as stored. */
  public record LockedRow(String runId, long version, @Nullable Long incidentId, String head) {}

  /** What a run's row and changed executions become after a batch. */
  public record Save(RunState state, long version, List<ChangedStep> changed) {}

  /** A run to insert, with its first transition's executions. */
  public record NewRun(RunState state, @Nullable String idempotencyKey, List<ChangedStep> steps) {}

  private static final RowMapper<LockedRow> LOCKED =
      (rs, i) ->
          new LockedRow(rs.getString(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4));

  private final JdbcTemplate jdbc;
  private final RunJson json;

  public JdbcRunStore(JdbcTemplate jdbc, RunJson json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Inserts new runs (a child run with its parent's id) and their first executions; returns the ids
   * inserted. A run whose id, or whose workflow and idempotency key, is taken is left out.
   */
  public List<String> insert(List<NewRun> runs) {
    if (runs.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = new ArrayList<>();
    List<String> workflows = new ArrayList<>();
    List<Integer> versions = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<String> heads = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    List<Timestamp> created = new ArrayList<>();
    List<Timestamp> finished = new ArrayList<>();
    List<UUID> parents = new ArrayList<>();
    List<Timestamp> wakes = new ArrayList<>();
    for (NewRun run : runs) {
      RunState s = run.state();
      ids.add(UUID.fromString(s.runId()));
      workflows.add(s.workflow());
      versions.add(s.version());
      statuses.add(s.status().name());
      keys.add(run.idempotencyKey());
      heads.add(json.head(s));
      inputs.add(json.input(s));
      created.add(ts(s.startedAt()));
      finished.add(ts(s.finishedAt()));
      parents.add(s.parent() == null ? null : UUID.fromString(s.parent().runId()));
      wakes.add(ts(s.nextWakeAt()));
    }
    List<String> inserted =
        jdbc.query(
            ArrayStatement.of(
                    """
                    insert into runs (run_id, workflow_name, workflow_version, status,
                                      idempotency_key, state, input, created_at, updated_at,
                                      finished_at, parent_run_id, wake_at, version)
                    select u.id, u.workflow, u.version, u.status, u.key, u.head::jsonb,
                           u.input::jsonb, u.created, u.created, u.finished, u.parent, u.wake, 1
                    from unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::timestamptz[], ?::timestamptz[], ?::uuid[],
                                ?::timestamptz[])
                         as u(id, workflow, version, status, key, head, input, created, finished,
                              parent, wake)
                    on conflict do nothing
                    returning run_id""")
                .column("uuid", ids)
                .column("text", workflows)
                .column("int4", versions)
                .column("text", statuses)
                .column("text", keys)
                .column("text", heads)
                .column("text", inputs)
                .column("timestamptz", created)
                .column("timestamptz", finished)
                .column("uuid", parents)
                .column("timestamptz", wakes),
            (rs, i) -> rs.getString(1));
    List<Save> steps = new ArrayList<>();
    for (NewRun run : runs) {
      if (inserted.contains(run.state().runId())) {
        steps.add(new Save(run.state(), 1, run.steps()));
      }
    }
    upsertSteps(steps);
    return inserted;
  }

  /** Locks the runs no other transaction holds; runs held elsewhere, or missing, are absent. */
  public List<LockedRow> lock(Collection<String> runIds) {
    if (runIds.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        ArrayStatement.of(
                """
                select run_id, version, incident_id, state from runs where run_id = any(?)
                for no key update skip locked""")
            .column("uuid", uuids(runIds)),
        LOCKED);
  }

  /**
   * Locks up to {@code limit} runs whose earliest timer is due at {@code upTo}, earliest first,
   * leaving out {@code locked} and runs another transaction holds.
   */
  public List<LockedRow> lockDue(Instant upTo, Collection<String> locked, int limit) {
    return jdbc.query(
        ArrayStatement.of(
                """
                select run_id, version, incident_id, state from runs
                where wake_at <= ? and incident_id is null and run_id <> all(?)
                order by wake_at limit ? for no key update skip locked""")
            .then(ts(upTo))
            .column("uuid", uuids(locked))
            .then(limit),
        LOCKED);
  }

  /** Which of these runs exist (a run absent from {@link #lock} may just be held elsewhere). */
  public List<String> existing(Collection<String> runIds) {
    if (runIds.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        ArrayStatement.of("select run_id from runs where run_id = any(?)")
            .column("uuid", uuids(runIds)),
        (rs, i) -> rs.getString(1));
  }

  /** What a state is put together from besides its head: the input and every execution. */
  public record Body(String input, List<StoredStep> steps) {}

  /** The input and executions of each run, executions in the order they started. */
  public Map<String, Body> bodies(Collection<String> runIds) {
    Map<String, String> inputs = new HashMap<>();
    Map<String, List<StoredStep>> steps = new HashMap<>();
    List<UUID> ids = uuids(runIds);
    jdbc.query(
        ArrayStatement.of("select run_id, input from runs where run_id = any(?)")
            .column("uuid", ids),
        rs -> {
          inputs.put(rs.getString(1), rs.getString(2));
        });
    jdbc.query(
        ArrayStatement.of(
                "select run_id, data, items from run_steps where run_id = any(?) order by run_id, seq")
            .column("uuid", ids),
        rs -> {
          steps
              .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
              .add(new StoredStep(rs.getString(2), rs.getString(3)));
        });
    Map<String, Body> bodies = new LinkedHashMap<>();
    inputs.forEach(
        (id, input) -> bodies.put(id, new Body(input, steps.getOrDefault(id, List.of()))));
    return bodies;
  }

  /** Writes the runs' heads and the executions their transitions changed. */
  public void save(List<Save> saves) {
    if (saves.isEmpty()) {
      return;
    }
    List<UUID> ids = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<String> heads = new ArrayList<>();
    List<Timestamp> updated = new ArrayList<>();
    List<Timestamp> finished = new ArrayList<>();
    List<Timestamp> wakes = new ArrayList<>();
    List<Long> versions = new ArrayList<>();
    for (Save save : saves) {
      RunState s = save.state();
      ids.add(UUID.fromString(s.runId()));
      statuses.add(s.status().name());
      heads.add(json.head(s));
      updated.add(ts(s.updatedAt()));
      finished.add(ts(s.finishedAt()));
      wakes.add(ts(s.nextWakeAt()));
      versions.add(save.version());
    }
    jdbc.update(
        ArrayStatement.of(
                """
                update runs r set status = u.status, state = u.head::jsonb,
                                  updated_at = u.updated, finished_at = u.finished,
                                  wake_at = u.wake, version = u.version
                from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                            ?::timestamptz[], ?::int8[])
                     as u(id, status, head, updated, finished, wake, version)
                where r.run_id = u.id""")
            .column("uuid", ids)
            .column("text", statuses)
            .column("text", heads)
            .column("timestamptz", updated)
            .column("timestamptz", finished)
            .column("timestamptz", wakes)
            .column("int8", versions));
    upsertSteps(saves);
  }

  private void upsertSteps(List<Save> saves) {
    List<UUID> runIds = new ArrayList<>();
    List<String> stepIds = new ArrayList<>();
    List<Integer> seqs = new ArrayList<>();
    List<String> data = new ArrayList<>();
    List<String> items = new ArrayList<>();
    for (Save save : saves) {
      UUID runId = UUID.fromString(save.state().runId());
      for (ChangedStep changed : save.changed()) {
        runIds.add(runId);
        stepIds.add(changed.step().stepId());
        seqs.add(changed.seq());
        data.add(json.step(changed.step()));
        items.add(changed.itemsChanged() ? json.items(changed.step()) : null);
      }
    }
    if (runIds.isEmpty()) {
      return;
    }
    jdbc.update(
        ArrayStatement.of(
                """
                insert into run_steps (run_id, step_id, seq, data, items)
                select u.run_id, u.step_id, u.seq, u.data::jsonb, u.items::jsonb
                from unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[])
                     as u(run_id, step_id, seq, data, items)
                on conflict (run_id, step_id) do update
                    set data = excluded.data, items = coalesce(excluded.items, run_steps.items)""")
            .column("uuid", runIds)
            .column("text", stepIds)
            .column("int4", seqs)
            .column("text", data)
            .column("text", items));
  }

  /** The run, put together from its row and its executions, for reading. */
  public Optional<RunState> find(String runId) {
    UUID id = UUID.fromString(runId);
    List<String> heads =
        jdbc.query("select state from runs where run_id = ?", (rs, i) -> rs.getString(1), id);
    if (heads.isEmpty()) {
      return Optional.empty();
    }
    Body body = bodies(List.of(runId)).get(runId);
    return Optional.of(json.assemble(heads.getFirst(), body.input(), body.steps()));
  }

  /** The run's version: it changes with every transition, so a reader can tell it moved. */
  public Optional<Long> version(String runId) {
    return jdbc
        .query(
            "select version from runs where run_id = ?",
            (rs, i) -> rs.getLong(1),
            UUID.fromString(runId))
        .stream()
        .findFirst();
  }

  /** The run's open incident, if it has one. */
  public Optional<Long> incidentOf(String runId) {
    return jdbc
        .query(
            "select incident_id from runs where run_id = ? and incident_id is not null",
            (rs, i) -> rs.getLong(1),
            UUID.fromString(runId))
        .stream()
        .findFirst();
  }

  /** A run found by its idempotency key: its id and the workflow version it runs. */
  public record Keyed(String runId, int version) {}

  public Optional<Keyed> findByIdempotencyKey(String workflow, String key) {
    return jdbc
        .query(
            """
            select run_id, workflow_version from runs
            where workflow_name = ? and idempotency_key = ?""",
            (rs, i) -> new Keyed(rs.getString(1), rs.getInt(2)),
            workflow,
            key)
        .stream()
        .findFirst();
  }

  public boolean exists(String runId) {
    return !existing(List.of(runId)).isEmpty();
  }

  /**
   * How many runs up the chain of parents a run has: 0 for a run started from outside, 1 for its
   * child, … Stops counting past {@code limit}, so a broken chain cannot loop.
   */
  public int depth(String runId, int limit) {
    Integer depth =
        jdbc.queryForObject(
            """
            with recursive chain (run_id, parent_run_id, depth) as (
                select run_id, parent_run_id, 0 from runs where run_id = ?
                union all
                select r.run_id, r.parent_run_id, c.depth + 1
                from runs r join chain c on r.run_id = c.parent_run_id
                where c.depth <= ?)
            select coalesce(max(depth), 0) from chain""",
            Integer.class,
            UUID.fromString(runId),
            limit);
    return depth == null ? 0 : depth;
  }

  private static List<UUID> uuids(Collection<String> ids) {
    return ids.stream().map(UUID::fromString).toList();
  }

  static @Nullable Timestamp ts(@Nullable Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
