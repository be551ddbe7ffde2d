package io.ordo.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What PostgreSQL did between two points, per workflow: statements (from {@code
 * pg_stat_statements}, which the benchmark's server preloads), transactions that wrote (the
 * transaction ids handed out), all commits, and WAL bytes and full-page images (from {@code
 * pg_stat_wal}).
 */
final class PostgresCounters {

  /** The server settings that make the statement counts available. */
  static final Map<String, String> SERVER_CONFIG =
      Map.of(
          "shared_preload_libraries", "pg_stat_statements",
          "pg_stat_statements.track", "all",
          "pg_stat_statements.max", "1000");

  private static final String OWN = "%pg_stat%";

  record Snapshot(long writeTransactions, long commits, long walBytes, long fullPageImages) {}

  /** One statement's share, per workflow. */
  record StatementShare(double callsPerWorkflow, String query) {}

  private final Connection c;

  PostgresCounters(Connection c) throws SQLException {
    this.c = c;
    try (Statement s = c.createStatement()) {
      s.execute("create extension if not exists pg_stat_statements");
    }
  }

  Snapshot reset() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("select pg_stat_statements_reset()");
    }
    return snapshot();
  }

  Snapshot snapshot() throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                """
                select pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
                       (select sum(xact_commit) from pg_stat_database),
                       (select wal_bytes from pg_stat_wal),
                       (select wal_fpi from pg_stat_wal)""")) {
      rs.next();
      return new Snapshot(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
    }
  }

  /** Statements per workflow since the last reset, the most frequent first. */
  List<StatementShare> statements(int workflows) throws SQLException {
    List<StatementShare> shares = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select calls, regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements"
                    + " where query not like '"
                    + OWN
                    + "' and query not ilike 'select pg_snapshot_xmax%' order by calls desc")) {
      while (rs.next()) {
        shares.add(new StatementShare(rs.getDouble(1) / workflows, rs.getString(2)));
      }
    }
    return shares;
  }

  static String report(
      Snapshot before, Snapshot after, List<StatementShare> shares, int workflows) {
    double total = shares.stream().mapToDouble(StatementShare::callsPerWorkflow).sum();
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "PostgreSQL per workflow: %.1f statements, %.2f writing transactions,"
                    + " %.2f commits (all), %.1f kB WAL (%.2f full-page images)%n",
                total,
                (after.writeTransactions() - before.writeTransactions()) / (double) workflows,
                (after.commits() - before.commits()) / (double) workflows,
                (after.walBytes() - before.walBytes()) / 1024.0 / workflows,
                (after.fullPageImages() - before.fullPageImages()) / (double) workflows));
    for (StatementShare share : shares.subList(0, Math.min(15, shares.size()))) {
      if (share.callsPerWorkflow() >= 0.05) {
        String query = share.query();
        text.append(
            String.format(
                Locale.ROOT,
                "  %5.2f × %s%n",
                share.callsPerWorkflow(),
                query.length() > 110 ? query.substring(0, 110) + "…" : query));
      }
    }
    return text.toString();
  }
}
