package io.ordo.orchestrator.store;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads for people: run lists (newest first, keyset-paginated, so page 1,000 costs what page 1
 * costs) and a run's history. Only the columns copied out of the state are read for lists.
 */
@Repository
public class JdbcRunQueries {

  /**
   * Filters for a run list; null means no filter.
   *
   * @param parent only the child runs of this run
   */
  public record RunFilter(
      @Nullable String workflow,
      @Nullable String status,
      @Nullable UUID parent,
      @Nullable Instant since,
      @Nullable Instant until,
      int limit,
      @Nullable String cursor) {}

  public record RunSummary(
      String runId,
      String workflow,
      int version,
      String status,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Instant finishedAt,
      @Nullable String parentRunId) {}

  public record RunPage(List<RunSummary> runs, @Nullable String nextCursor) {}

  public record HistoryLine(long seq, String type, Instant at, JsonNode data) {}

  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  public JdbcRunQueries(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public RunPage list(RunFilter filter) {
    StringBuilder sql =
        new StringBuilder(
            """
        select run_id, workflow_name, workflow_version, status, created_at, updated_at, finished_at,
               parent_run_id
        from runs where true""");
    List<Object> args = new ArrayList<>();
    if (filter.workflow() != null) {
      sql.append(" and workflow_name = ?");
      args.add(filter.workflow());
    }
    if (filter.status() != null) {
      sql.append(" and status = ?");
      args.add(filter.status());
    }
    if (filter.parent() != null) {
      sql.append(" and parent_run_id = ?");
      args.add(filter.parent());
    }
    if (filter.since() != null) {
      sql.append(" and created_at >= ?");
      args.add(Timestamp.from(filter.since()));
    }
    if (filter.until() != null) {
      sql.append(" and created_at < ?");
      args.add(Timestamp.from(filter.until()));
    }
    if (filter.cursor() != null) {
      Cursor after = Cursor.decode(filter.cursor());
      sql.append(" and (created_at, run_id) < (?, ?)");
      args.add(Timestamp.from(after.createdAt()));
      args.add(after.runId());
    }
    sql.append(" order by created_at desc, run_id desc limit ?");
    args.add(filter.limit() + 1);
    List<RunSummary> rows =
        jdbc.query(
            sql.toString(),
            (rs, i) ->
                new RunSummary(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getTimestamp(5).toInstant(),
                    rs.getTimestamp(6).toInstant(),
                    rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                    rs.getString(8)),
            args.toArray());
    if (rows.size() <= filter.limit()) {
      return new RunPage(rows, null);
    }
    List<RunSummary> page = rows.subList(0, filter.limit());
    RunSummary last = page.getLast();
    return new RunPage(page, new Cursor(last.createdAt(), UUID.fromString(last.runId())).encode());
  }

  /** How many runs are in each status, for one workflow or all. */
  public Map<String, Long> countByStatus(@Nullable String workflow) {
    Map<String, Long> counts = new TreeMap<>();
    String sql =
        "select status, count(*) from runs"
            + (workflow == null ? "" : " where workflow_name = ?")
            + " group by status";
    jdbc.query(
        sql,
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        },
        workflow == null ? new Object[0] : new Object[] {workflow});
    return counts;
  }

  public List<HistoryLine> history(String runId) {
    return jdbc.query(
        "select id, type, at, data from run_events where run_id = ? order by id",
        (rs, i) ->
            new HistoryLine(
                rs.getLong(1),
                rs.getString(2),
                rs.getTimestamp(3).toInstant(),
                json.readTree(rs.getString(4))),
        UUID.fromString(runId));
  }

  /** Where a page ended: opaque to clients, so its form can change. */
  record Cursor(Instant createdAt, UUID runId) {

    String encode() {
      String raw = createdAt + "|" + runId;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String[] parts = raw.split("\\|");
        return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cursor '" + cursor + "' is not one this API gave out");
      }
    }
  }
}
