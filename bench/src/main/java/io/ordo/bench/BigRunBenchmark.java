package io.ordo.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a result costs as a run grows. For each size N ({@code -Dsizes=100,1000,10000}), one run at
 * a time on an otherwise idle Ordo:
 *
 * <ul>
 *   <li><b>sequential</b>: N {@code demo.echo} steps one after another (a forEach with {@code
 *       maxConcurrency: 1}, so every step finishes before the next starts, as in a chain);
 *   <li><b>fan-out</b>: the same N steps with {@code maxConcurrency: 50};
 *   <li><b>undo</b>: the fan-out followed by a {@code fail} step, so the N completed iterations are
 *       compensated; forward time (start → compensation started) next to compensation time
 *       (compensation started → run ended).
 * </ul>
 *
 * <p>Each prints the run's duration, steps/s and PostgreSQL WAL bytes per step (the run's whole
 * WAL, from {@code pg_current_wal_lsn()} before the start and after the end, divided by N): flat
 * across N when a result writes O(1). {@code -Drounds=} (3) repeats each and prints medians; {@code
 * -Dshapes=} picks some of {@code sequential,fanout,undo}.
 */
public final class BigRunBenchmark {

  private static final String ITERATE =
      """
      name: bench-%s
      steps:
        - id: each
          forEach: ${ input.items }
          as: n
          maxConcurrency: %d
          steps:
            - id: echo
              function: demo.echo
              input: {n: ${ n }}
      %s""";

  private static final String COMPENSATE =
      """
              compensate:
                function: demo.echo
                input: {n: ${ n }}
        - id: reject
          fail: {error: Rejected, message: "undo everything"}
      """;

  record Measure(double seconds, double walPerStep, double forwardSeconds) {}

  private final BenchEnvironment env;

  private BigRunBenchmark(BenchEnvironment env) {
    this.env = env;
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("rounds", 3);
    int[] sizes =
        Arrays.stream(System.getProperty("sizes", "100,1000,10000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    List<String> shapes =
        List.of(System.getProperty("shapes", "sequential,fanout,undo").split(","));
    try (var env = BenchEnvironment.start("ordo-big-run")) {
      env.ordo().deploy(ITERATE.formatted("sequential", 1, ""));
      env.ordo().deploy(ITERATE.formatted("fanout", 50, ""));
      env.ordo().deploy(ITERATE.formatted("undo", 50, COMPENSATE));
      BigRunBenchmark bench = new BigRunBenchmark(env);
      bench.run("bench-fanout", 200, "COMPLETED"); // warm-up
      bench.run("bench-undo", 200, "COMPENSATED");
      for (int n : sizes) {
        List<Measure> sequential = new ArrayList<>();
        List<Measure> fanOut = new ArrayList<>();
        List<Measure> undo = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          if (shapes.contains("sequential")) {
            sequential.add(bench.run("bench-sequential", n, "COMPLETED"));
          }
          if (shapes.contains("fanout")) {
            fanOut.add(bench.run("bench-fanout", n, "COMPLETED"));
          }
          if (shapes.contains("undo")) {
            undo.add(bench.run("bench-undo", n, "COMPENSATED"));
          }
        }
        if (!sequential.isEmpty()) {
          print(n, "sequential", median(sequential));
        }
        if (!fanOut.isEmpty()) {
          print(n, "fan-out 50", median(fanOut));
        }
        if (undo.isEmpty()) {
          continue;
        }
        Measure u = median(undo);
        double compensation = u.seconds() - u.forwardSeconds();
        System.out.printf(
            Locale.ROOT,
            "N=%,6d | undo: forward %.2f s, compensation %.2f s (%,.0f compensations/s);"
                + " compensation ÷ forward = %.2f; %,.0f WAL bytes per step (both ways)%n",
            n,
            u.forwardSeconds(),
            compensation,
            n / compensation,
            compensation / u.forwardSeconds(),
            u.walPerStep());
      }
    }
  }

  /** One run of {@code workflow} over {@code n} items, timed as the server recorded it. */
  private Measure run(String workflow, int n, String expected) throws Exception {
    String items =
        IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(","));
    try (Connection c = connect()) {
      long wal0 = walPosition(c);
      String runId = env.ordo().start(workflow, "{\"items\": [" + items + "]}");
      try (PreparedStatement done =
          c.prepareStatement(
              """
              select status, extract(epoch from (finished_at - created_at)),
                     extract(epoch from ((select min(e.at) from run_events e
                                          where e.run_id = r.run_id
                                            and e.type = 'CompensationStarted') - created_at))
              from runs r where run_id = ?::uuid and finished_at is not null""")) {
        done.setString(1, runId);
        while (true) {
          try (ResultSet rs = done.executeQuery()) {
            if (rs.next()) {
              if (!rs.getString(1).equals(expected)) {
                throw new IllegalStateException(workflow + " ended " + rs.getString(1));
              }
              double seconds = rs.getDouble(2);
              double forward = rs.getDouble(3);
              return new Measure(seconds, (walPosition(c) - wal0) / (double) n, forward);
            }
          }
          Thread.sleep(20);
        }
      }
    }
  }

  private static long walPosition(Connection c) throws Exception {
    try (var q = c.createStatement();
        ResultSet rs = q.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Measure median(List<Measure> measures) {
    return new Measure(
        Stats.median(measures.stream().map(Measure::seconds).toList()),
        Stats.median(measures.stream().map(Measure::walPerStep).toList()),
        Stats.median(measures.stream().map(Measure::forwardSeconds).toList()));
  }

  private static void print(int n, String shape, Measure m) {
    System.out.printf(
        Locale.ROOT,
        "N=%,6d | %s: %.2f s = %,.0f steps/s, %,.0f WAL bytes per step%n",
        n,
        shape,
        m.seconds(),
        n / m.seconds(),
        m.walPerStep());
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(
        env.postgres().jdbcUrl(), env.postgres().username(), env.postgres().password());
  }
}
