package io.ordo.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a step's time goes at light load, from the timestamps Ordo records: dispatch (the engine
 * scheduled the attempt → the worker started it: commit, outbox relay, Kafka), work (the handler),
 * and result (the handler finished → the engine applied it: Kafka, consumer, transaction).
 */
final class Legs {

  private final List<Double> dispatch = new ArrayList<>();
  private final List<Double> work = new ArrayList<>();
  private final List<Double> result = new ArrayList<>();

  void addRun(Connection c, String runId) throws Exception {
    try (PreparedStatement q =
        c.prepareStatement(
            """
        select extract(epoch from ((a->>'startedAt')::timestamptz - (a->>'scheduledAt')::timestamptz)) * 1000,
               extract(epoch from ((a->>'finishedAt')::timestamptz - (a->>'startedAt')::timestamptz)) * 1000,
               extract(epoch from ((s.data->>'completedAt')::timestamptz - (a->>'finishedAt')::timestamptz)) * 1000
        from run_steps s, jsonb_array_elements(s.data->'attempts') a
        where s.run_id = ?::uuid and a->>'status' = 'COMPLETED'""")) {
      q.setString(1, runId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          dispatch.add(rs.getDouble(1));
          work.add(rs.getDouble(2));
          result.add(rs.getDouble(3));
        }
      }
    }
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "per step, median: dispatch %.1f ms (commit + relay + Kafka + worker poll), handler %.1f ms,"
            + " result %.1f ms (Kafka + consumer + transaction)",
        Stats.median(dispatch),
        Stats.median(work),
        Stats.median(result));
  }
}
