package io.ordo.bench;

import io.ordo.embedded.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fan-out: one run whose {@code forEach} calls {@code demo.echo} once per item ({@code -Ditems=},
 * 1,000 by default) with {@code maxConcurrency: 50}, timed from start to completion as the server
 * recorded it. The baseline, measured in the same round: as many separate one-step runs started by
 * 8 clients, so the ratio shows what running them inside one run costs.
 */
public final class ForEachBenchmark {

  private static final String FAN_OUT =
      """
      name: bench-fanout
      steps:
        - id: each
          forEach: ${ input.items }
          as: n
          maxConcurrency: 50
          steps:
            - id: echo
              function: demo.echo
              input: {n: ${ n }}
      """;

  private static final String ONE_STEP =
      """
      name: bench-one-step
      steps:
        - id: echo
          function: demo.echo
          input: {n: ${ input.n }}
      """;

  private final EmbeddedPostgresServer postgres;
  private final OrdoProcess ordo;

  private ForEachBenchmark(EmbeddedPostgresServer postgres, OrdoProcess ordo) {
    this.postgres = postgres;
    this.ordo = ordo;
  }

  public static void main(String[] args) throws Exception {
    int items = Integer.getInteger("items", 1_000);
    int rounds = Integer.getInteger("rounds", 3);
    try (var env = BenchEnvironment.start("ordo-foreach-bench")) {
      ForEachBenchmark bench = new ForEachBenchmark(env.postgres(), env.ordo());
      env.ordo().deploy(FAN_OUT);
      env.ordo().deploy(ONE_STEP);
      bench.fanOut(Math.min(items, 100)); // warm-up
      bench.separateRuns(Math.min(items, 100));
      List<Double> fanOut = new ArrayList<>();
      List<Double> separate = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double seconds = bench.fanOut(items);
        double baseline = bench.separateRuns(items);
        fanOut.add(items / seconds);
        separate.add(baseline);
        System.out.printf(
            Locale.ROOT,
            "round %d | forEach of %,d items, maxConcurrency 50: %.2f s = %,.0f steps/s"
                + " | baseline %,d one-step runs: %,.0f steps/s%n",
            round,
            items,
            seconds,
            items / seconds,
            items,
            baseline);
      }
      double median = Stats.median(fanOut);
      double baseline = Stats.median(separate);
      System.out.printf(
          Locale.ROOT,
          "median   | forEach %.2f s = %,.0f steps/s | baseline %,.0f steps/s | ratio %.2f%n",
          items / median,
          median,
          baseline,
          median / baseline);
    }
  }

  /** Seconds from the start of one forEach run to its end, as the server recorded them. */
  private double fanOut(int items) throws Exception {
    String list =
        IntStream.range(0, items).mapToObj(Integer::toString).collect(Collectors.joining(","));
    String runId = ordo.start("bench-fanout", "{\"items\": [" + list + "]}");
    try (Connection c = connect();
        PreparedStatement done =
            c.prepareStatement(
                "select status, extract(epoch from (finished_at - created_at)) from runs "
                    + "where run_id = ?::uuid and finished_at is not null")) {
      done.setString(1, runId);
      while (true) {
        try (ResultSet rs = done.executeQuery()) {
          if (rs.next()) {
            if (!rs.getString(1).equals("COMPLETED")) {
              throw new IllegalStateException("the forEach run ended " + rs.getString(1));
            }
            return rs.getDouble(2);
          }
        }
        Thread.sleep(20);
      }
    }
  }

  /**
   * Steps per second of {@code count} one-step runs started by 8 clients, first start to last end.
   */
  private double separateRuns(int count) throws Exception {
    String batch = "one-step-" + UUID.randomUUID() + "-";
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<String>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String input = "{\"n\": " + i + ", \"orderId\": \"" + batch + i + "\"}";
        started.add(pool.submit(() -> ordo.start("bench-one-step", input)));
      }
      for (Future<String> f : started) {
        f.get();
      }
    }
    try (Connection c = connect()) {
      return CompletedBatch.runsPerSecond(c, batch, count);
    }
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(
        postgres.jdbcUrl(), postgres.username(), postgres.password());
  }
}
