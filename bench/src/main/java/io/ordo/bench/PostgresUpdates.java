package io.ordo.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Baseline: single-row update transactions on the same PostgreSQL, from several connections. */
final class PostgresUpdates {

  private PostgresUpdates() {}

  static double transactionsPerSecond(
      String url, String user, String password, int threads, int each) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("create table if not exists bench_counter (id int primary key, v bigint not null)");
      s.execute(
          "insert into bench_counter select g, 0 from generate_series(1, 64) g on conflict do nothing");
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> update(url, user, password, thread, each)));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return threads * each / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static Void update(String url, String user, String password, int thread, int count)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement update =
            c.prepareStatement("update bench_counter set v = v + 1 where id = ?")) {
      for (int i = 0; i < count; i++) {
        update.setInt(1, (thread * 7 + i) % 64 + 1);
        update.executeUpdate();
      }
    }
    return null;
  }
}
