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

  record Snapshot(
      long writeTransactions,
      long commits,
      long walBytes,
      long fullPageImages,
      String walPosition) {}

  /** One statement's share, per workflow. */
  record StatementShare(double callsPerWorkflow, String query) {}

  private final Connection c;

  PostgresCounters(Connection c) throws SQLException {
    this.c = c;
    try (Statement s = c.createStatement()) {
      s.execute("create extension if not exists pg_stat_statements");
      s.execute("create extension if not exists pg_walinspect");
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
                       (select wal_fpi from pg_stat_wal),
                       pg_current_wal_insert_lsn()::text""")) {
      rs.next();
      return new Snapshot(
          rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5));
    }
  }

  /** WAL bytes per workflow between two snapshots by record type (pg_walinspect), largest first. */
  String walByRecordType(Snapshot before, Snapshot after, int workflows) throws SQLException {
    StringBuilder text = new StringBuilder("WAL per workflow by record type:");
    try (var q =
        c.prepareStatement(
            """
            select "resource_manager/record_type", count, combined_size
            from pg_get_wal_stats(?::pg_lsn, ?::pg_lsn, true)
            where combined_size > 0 order by combined_size desc limit 8""")) {
      q.setString(1, before.walPosition());
      q.setString(2, after.walPosition());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          text.append(
              String.format(
                  Locale.ROOT,
                  " %s %.0f B (%.1f×)",
                  rs.getString(1),
                  rs.getLong(3) / (double) workflows,
                  rs.getLong(2) / (double) workflows));
        }
      }
    }
    return text.append(System.lineSeparator()).toString();
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
