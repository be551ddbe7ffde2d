package io.ordo.orchestrator.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code incidents} and {@code incident_events} tables: a run whose event could not be applied
 * or saved, with the error and every event that arrived for it since, kept in order.
 */
@Repository
public class JdbcIncidentStore {

  /** What went wrong with a run, and when it was dealt with. */
  public record Incident(
      long id,
      String runId,
      String kind,
      String error,
      Instant openedAt,
      @Nullable Instant resolvedAt,
      @Nullable String resolution,
      int events) {}

  private static final String COLUMNS =
      """
      i.id, i.run_id, i.kind, i.error, i.opened_at, i.resolved_at, i.resolution,
      (select count(*) from incident_events e where e.incident_id = i.id)""";

  private static final RowMapper<Incident> INCIDENT =
      (rs, i) ->
          new Incident(
              rs.getLong(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              rs.getTimestamp(5).toInstant(),
              rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
              rs.getString(7),
              rs.getInt(8));

  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  public JdbcIncidentStore(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Opens an incident on the run and marks the run, so its events are kept from now on. */
  public long open(String runId, String kind, String error, Instant at) {
    UUID id = UUID.fromString(runId);
    Long incident =
        jdbc.queryForObject(
            """
            insert into incidents (run_id, kind, error, opened_at) values (?, ?, ?, ?)
            returning id""",
            Long.class,
            id,
            kind,
            storable(error),
            Timestamp.from(at));
    jdbc.update("update runs set incident_id = ? where run_id = ?", incident, id);
    history(
        id,
        "IncidentOpened",
        Map.of("incidentId", incident, "kind", kind, "error", storable(error)),
        at);
    return incident;
  }

  /** Keeps events for the incident, after those it holds. */
  public void keep(long incidentId, List<byte[]> events, Instant at) {
    if (events.isEmpty()) {
      return;
    }
    jdbc.update(
        ArrayStatement.of(
                """
                insert into incident_events (incident_id, seq, event, received_at)
                select ?, coalesce((select max(seq) from incident_events where incident_id = ?), 0)
                          + e.ord, decode(e.event, 'hex'), ?
                from unnest(?::text[]) with ordinality as e(event, ord)""")
            .then(incidentId)
            .then(incidentId)
            .then(Timestamp.from(at))
            .bytes(events));
  }

  /** The events the incident keeps, in the order they arrived. */
  public List<byte[]> events(long incidentId) {
    return jdbc.query(
        "select event from incident_events where incident_id = ? order by seq",
        (rs, i) -> rs.getBytes(1),
        incidentId);
  }

  /**
   * Closes the incident and unmarks its run, so its events are applied again; false when it was not
   * open.
   */
  public boolean resolve(long incidentId, String resolution, Instant at) {
    List<String> runs =
        jdbc.query(
            """
            update incidents set resolved_at = ?, resolution = ? where id = ? and resolved_at is null
            returning run_id""",
            (rs, i) -> rs.getString(1),
            Timestamp.from(at),
            storable(resolution),
            incidentId);
    if (runs.isEmpty()) {
      return false;
    }
    jdbc.update("update runs set incident_id = null where incident_id = ?", incidentId);
    jdbc.update("delete from incident_events where incident_id = ?", incidentId);
    UUID run = UUID.fromString(runs.getFirst());
    history(
        run,
        "IncidentResolved",
        Map.of("incidentId", incidentId, "resolution", storable(resolution)),
        at);
    return true;
  }

  /** A line in the run's history, so the incident shows where people look at the run. */
  private void history(UUID runId, String type, Map<String, Object> data, Instant at) {
    jdbc.update(
        "insert into run_events (run_id, type, at, data) values (?, ?, ?, ?::jsonb)",
        runId,
        type,
        Timestamp.from(at),
        json.writeValueAsString(data));
  }

  /** Records a new error on an open incident (a retry that failed again). */
  public void failedAgain(long incidentId, String error) {
    jdbc.update("update incidents set error = ? where id = ?", storable(error), incidentId);
  }

  /** An error message may quote the very text PostgreSQL refused: U+0000 is written out. */
  private static String storable(String error) {
    return StorableText.escaped(error);
  }

  public Optional<Incident> find(long incidentId) {
    return jdbc
        .query("select " + COLUMNS + " from incidents i where i.id = ?", INCIDENT, incidentId)
        .stream()
        .findFirst();
  }

  public List<Incident> ofRun(String runId) {
    return jdbc.query(
        "select " + COLUMNS + " from incidents i where i.run_id = ? order by i.id",
        INCIDENT,
        UUID.fromString(runId));
  }

  /** Open incidents, newest first. */
  public List<Incident> open(int limit) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from incidents i where i.resolved_at is null order by i.opened_at desc limit ?",
        INCIDENT,
        limit);
  }
}
