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

/**
 * Runs the 3-step order workflow through {@code ordo.jar} on embedded PostgreSQL and Kafka and
 * prints, per round and as medians: completed workflows/s, steps/s, start-to-completion p50/p99 at
 * light load, and the same run's baselines (Kafka request/reply, PostgreSQL single-row updates).
 *
 * <p>Settings (system properties): {@code rounds} (3), {@code runs} per throughput round (1000),
 * {@code lightRuns} per latency round (100), {@code clients} concurrent REST clients (8).
 */
public final class OrderBenchmark {

  private static final int STEPS_PER_RUN = 3;
  private static final String CHAIN = "bench-chain";
  private static final int CHAIN_STEPS = 10;

  record Round(
      double kafkaP50,
      double kafkaPerSecond,
      double pgPerSecond,
      double p50,
      double p99,
      double runsPerSecond,
      double startsPerSecond,
      double chainStepsPerSecond) {}

  /** Ten echo steps: enough steps per run that the step rate, not the start rate, is measured. */
  private static String chainWorkflow() {
    StringBuilder yaml = new StringBuilder("name: " + CHAIN + "\nsteps:\n");
    for (int i = 1; i <= CHAIN_STEPS; i++) {
      yaml.append("  - id: s").append(i).append("\n    function: demo.echo\n");
      yaml.append("    input: {orderId: ${ input.orderId }}\n");
    }
    return yaml.toString();
  }

  private final EmbeddedPostgresServer postgres;
  private final OrdoProcess ordo;
  private double lastStartRate;
  private Legs legs = new Legs();

  private OrderBenchmark(EmbeddedPostgresServer postgres, OrdoProcess ordo) {
    this.postgres = postgres;
    this.ordo = ordo;
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("rounds", 3);
    int runs = Integer.getInteger("runs", 1000);
    int lightRuns = Integer.getInteger("lightRuns", 100);
    int clients = Integer.getInteger("clients", 8);
    try (var env = BenchEnvironment.start("ordo-bench");
        var roundTrip = new KafkaRoundTrip(env.kafka().bootstrapServers())) {
      var postgres = env.postgres();
      var ordo = env.ordo();
      OrderBenchmark bench = new OrderBenchmark(postgres, ordo);
      System.out.println("warming up …");
      ordo.deploy(chainWorkflow());
      bench.throughput("order-fulfillment", Math.min(300, runs), clients);
      bench.lightLoad(Math.min(100, lightRuns));
      bench.legs = new Legs();
      roundTrip.latency(100);
      List<Round> results = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        var rtt = roundTrip.latency(200);
        var rttRate = roundTrip.throughput(5_000);
        double pg =
            PostgresUpdates.transactionsPerSecond(
                postgres.jdbcUrl(), postgres.username(), postgres.password(), 4, 2_000);
        List<Double> latencies = bench.lightLoad(lightRuns);
        double runsPerSecond = bench.throughput("order-fulfillment", runs, clients);
        double startsPerSecond = bench.lastStartRate;
        double chainStepsPerSecond = bench.throughput(CHAIN, runs / 3, clients) * CHAIN_STEPS;
        Round r =
            new Round(
                rtt.p50Millis(),
                rttRate.perSecond(),
                pg,
                Stats.median(latencies),
                Stats.percentile(latencies, 99),
                runsPerSecond,
                startsPerSecond,
                chainStepsPerSecond);
        results.add(r);
        print("round " + round, r);
        System.out.println("         " + bench.legs.summary());
        bench.legs = new Legs();
      }
      print("median", median(results));
      Round m = median(results);
      System.out.printf(
          Locale.ROOT,
          "%nratios (same run): Ordo chain steps/s ÷ PostgreSQL single-row tx/s = %.2f; "
              + "Ordo p50 ÷ (3 × Kafka round-trip p50) = %.1f%n",
          m.chainStepsPerSecond() / m.pgPerSecond(),
          m.p50() / (3 * m.kafkaP50()));
    }
  }

  /** One run at a time; each run's start-to-completion as the server recorded it. */
  private List<Double> lightLoad(int count) throws Exception {
    List<Double> millis = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement done =
            c.prepareStatement(
                "select extract(epoch from (finished_at - created_at)) * 1000 from runs "
                    + "where run_id = ?::uuid and status = 'COMPLETED'")) {
      for (int i = 0; i < count; i++) {
        String runId = ordo.startOrder("light-" + UUID.randomUUID());
        done.setString(1, runId);
        Double elapsed = null;
        while (elapsed == null) {
          try (ResultSet rs = done.executeQuery()) {
            elapsed = rs.next() ? rs.getDouble(1) : null;
          }
          if (elapsed == null) {
            Thread.sleep(1);
          }
        }
        millis.add(elapsed);
        legs.addRun(c, runId);
      }
    }
    return millis;
  }

  /**
   * {@code count} runs of a workflow started by concurrent clients; completed runs per second, from
   * the first start to the last end.
   */
  private double throughput(String workflow, int count, int clients) throws Exception {
    String batch = "load-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    long submitStart = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<String>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String orderId = batch + i;
        started.add(
            pool.submit(
                () ->
                    workflow.equals(CHAIN)
                        ? ordo.start(CHAIN, "{\"orderId\": \"" + orderId + "\"}")
                        : ordo.startOrder(orderId)));
      }
      for (Future<String> f : started) {
        f.get();
      }
    }
    lastStartRate = count / ((System.nanoTime() - submitStart) / 1e9);
    try (Connection c = connect()) {
      return CompletedBatch.runsPerSecond(c, batch, count);
    }
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(
        postgres.jdbcUrl(), postgres.username(), postgres.password());
  }

  private static Round median(List<Round> rounds) {
    return new Round(
        Stats.median(rounds.stream().map(Round::kafkaP50).toList()),
        Stats.median(rounds.stream().map(Round::kafkaPerSecond).toList()),
        Stats.median(rounds.stream().map(Round::pgPerSecond).toList()),
        Stats.median(rounds.stream().map(Round::p50).toList()),
        Stats.median(rounds.stream().map(Round::p99).toList()),
        Stats.median(rounds.stream().map(Round::runsPerSecond).toList()),
        Stats.median(rounds.stream().map(Round::startsPerSecond).toList()),
        Stats.median(rounds.stream().map(Round::chainStepsPerSecond).toList()));
  }

  private static void print(String label, Round r) {
    System.out.printf(
        Locale.ROOT,
        "%-8s | Ordo: %6.1f orders/s = %6.1f steps/s (REST starts %6.1f/s); 10-step chain %6.1f steps/s;"
            + " p50 %5.1f ms p99 %5.1f ms"
            + " | Kafka round trip: p50 %5.2f ms, %8.0f/s | PostgreSQL: %7.0f single-row tx/s%n",
        label,
        r.runsPerSecond(),
        r.runsPerSecond() * STEPS_PER_RUN,
        r.startsPerSecond(),
        r.chainStepsPerSecond(),
        r.p50(),
        r.p99(),
        r.kafkaP50(),
        r.kafkaPerSecond(),
        r.pgPerSecond());
  }
}
