package io.ordo.orchestrator.store;

import io.ordo.orchestrator.metering.UsageDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-function usage: deltas appended in each transition's transaction ({@code
 * function_usage_pending}), folded into the totals ({@code function_usage}, {@code
 * function_durations}) by {@link #fold}.
 */
@Repository
public class JdbcFunctionUsage {

  /** One function's totals, with its duration histogram (bucket → count). */
  public record FunctionTotals(
      String function,
      long invocations,
      long completed,
      long failures,
      long retries,
      long inFlight,
      long computeMillis,
      Map<Integer, Long> durationBuckets) {}

  private static final TypeReference<Map<Integer, Long>> BUCKETS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  public JdbcFunctionUsage(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Appends the deltas: an insert, so concurrent transitions never wait on each other here. */
  public void add(Map<String, UsageDelta> deltas) {
    if (deltas.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    deltas.forEach(
        (function, d) ->
            rows.add(counters(function, d, json.writeValueAsString(d.durationBuckets()))));
    jdbc.batchUpdate(
        """
        insert into function_usage_pending (function, invocations, completed, failures, retries,
                                            in_flight, compute_millis, durations)
        values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""",
        rows);
  }

  /**
   * Folds up to {@code limit} pending deltas into the totals; call in a transaction. Rows another
   * instance is folding are skipped. Returns how many deltas were folded.
   */
  public int fold(int limit) {
    Map<String, UsageDelta> totals = new TreeMap<>();
    int[] folded = {0};
    jdbc.query(
        """
        delete from function_usage_pending where id in (
            select id from function_usage_pending order by id limit ? for update skip locked)
        returning function, invocations, completed, failures, retries, in_flight, compute_millis,
                  durations""",
        rs -> {
          folded[0]++;
          UsageDelta delta =
              UsageDelta.of(
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getLong(7),
                  json.readValue(rs.getString(8), BUCKETS));
          totals.computeIfAbsent(rs.getString(1), f -> new UsageDelta()).add(delta);
        },
        limit);
    addToTotals(totals);
    return folded[0];
  }

  private void addToTotals(Map<String, UsageDelta> totals) {
    List<Object[]> rows = new ArrayList<>();
    List<Object[]> buckets = new ArrayList<>();
    totals.forEach(
        (function, d) -> {
          rows.add(counters(function, d));
          d.durationBuckets()
              .forEach((bucket, count) -> buckets.add(new Object[] {function, bucket, count}));
        });
    jdbc.batchUpdate(
        """
        insert into function_usage as u
            (function, invocations, completed, failures, retries, in_flight, compute_millis)
        values (?, ?, ?, ?, ?, ?, ?)
        on conflict (function) do update set
            invocations = u.invocations + excluded.invocations,
            completed = u.completed + excluded.completed,
            failures = u.failures + excluded.failures,
            retries = u.retries + excluded.retries,
            in_flight = u.in_flight + excluded.in_flight,
            compute_millis = u.compute_millis + excluded.compute_millis""",
        rows);
    jdbc.batchUpdate(
        """
        insert into function_durations as d (function, bucket, count) values (?, ?, ?)
        on conflict (function, bucket) do update set count = d.count + excluded.count""",
        buckets);
  }

  /** The counter columns in table order, then any extra columns. */
  private static Object[] counters(String function, UsageDelta d, Object... more) {
    Object[] row = {
      function,
      d.invocations(),
      d.completed(),
      d.failures(),
      d.retries(),
      d.inFlight(),
      d.computeMillis()
    };
    Object[] all = java.util.Arrays.copyOf(row, row.length + more.length);
    System.arraycopy(more, 0, all, row.length, more.length);
    return all;
  }

  public List<FunctionTotals> all() {
    Map<String, Map<Integer, Long>> histograms = new LinkedHashMap<>();
    jdbc.query(
        "select function, bucket, count from function_durations",
        rs -> {
          histograms
              .computeIfAbsent(rs.getString(1), f -> new TreeMap<>())
              .put(rs.getInt(2), rs.getLong(3));
        });
    return jdbc.query(
        """
        select function, invocations, completed, failures, retries, in_flight, compute_millis
        from function_usage order by function""",
        (rs, i) ->
            new FunctionTotals(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7),
                histograms.getOrDefault(rs.getString(1), new HashMap<>())));
  }
}
