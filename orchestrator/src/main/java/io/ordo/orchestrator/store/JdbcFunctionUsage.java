package io.ordo.orchestrator.store;

import io.ordo.orchestrator.metering.UsageDelta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code function_usage} and {@code function_durations} tables. */
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

  private final JdbcTemplate jdbc;

  public JdbcFunctionUsage(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds the deltas; functions in name order, so concurrent batches lock rows in one order. */
  public void add(Map<String, UsageDelta> deltas) {
    if (deltas.isEmpty()) {
      return;
    }
    List<Object[]> totals = new ArrayList<>();
    List<Object[]> buckets = new ArrayList<>();
    new TreeMap<>(deltas)
        .forEach(
            (function, d) -> {
              totals.add(
                  new Object[] {
                    function,
                    d.invocations(),
                    d.completed(),
                    d.failures(),
                    d.retries(),
                    d.inFlight(),
                    d.computeMillis()
                  });
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
        totals);
    if (!buckets.isEmpty()) {
      jdbc.batchUpdate(
          """
          insert into function_durations as d (function, bucket, count) values (?, ?, ?)
          on conflict (function, bucket) do update set count = d.count + excluded.count""",
          buckets);
    }
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
                histograms.getOrDefault(rs.getString(1), Map.of())));
  }
}
