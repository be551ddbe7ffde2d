package io.ordo.bench;

import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer's workload shape: K orders in flight (closed loop), each started over REST and ended
 * when its terminal message arrives on {@code ordo.runs}, as a client sees it. Prints per round and
 * as medians: workflows/s, p50/p99 from start request to end seen, CPU ms per workflow of Ordo's
 * JVM, PostgreSQL and this JVM (the broker and the clients), Ordo's peak RSS, and PostgreSQL's
 * statements, transactions and WAL per workflow. With {@code -Dpeer=true} it then runs the Camunda
 * 7 peer harness in the same invocation and prints the ratios.
 *
 * <p>Settings: {@code inflight} (16), {@code runs} per round (2000), {@code rounds} (3), {@code
 * warmup} (3000), {@code peer} (false), {@code peerWarmup} (6000).
 */
public final class ClosedLoopBenchmark {

  record Round(
      double perSecond,
      double p50,
      double p99,
      double ordoCpu,
      double postgresCpu,
      double benchCpu,
      long peakRss) {}

  public static void main(String[] args) throws Exception {
    int inflight = Integer.getInteger("inflight", 16);
    int runs = Integer.getInteger("runs", 2000);
    int rounds = Integer.getInteger("rounds", 3);
    int warmup = Integer.getInteger("warmup", 3000);
    List<Round> results = new ArrayList<>();
    try (var env = BenchEnvironment.start("ordo-closed-loop", PostgresCounters.SERVER_CONFIG);
        var ends = new RunEnds(env.kafka().bootstrapServers());
        Connection c =
            DriverManager.getConnection(
                env.postgres().jdbcUrl(), env.postgres().username(), env.postgres().password())) {
      var counters = new PostgresCounters(c);
      ClosedLoop loop = new ClosedLoop(env, ends);
      System.out.printf(
          Locale.ROOT, "warming up: %d orders at %d in flight …%n", warmup, Math.max(16, inflight));
      loop.drive(warmup, Math.max(16, inflight));
      for (int round = 1; round <= rounds; round++) {
        var before = counters.reset();
        Round r = loop.drive(runs, inflight);
        var after = counters.snapshot();
        results.add(r);
        print("round " + round, r, runs, inflight);
        System.out.print(PostgresCounters.report(before, after, counters.statements(runs), runs));
        System.out.print(counters.walByRecordType(before, after, runs));
      }
    }
    Round median = median(results);
    print("median", median, runs, inflight);
    if (Boolean.getBoolean("peer")) {
      CamundaPeer.Result peer =
          CamundaPeer.run(runs, rounds, Integer.getInteger("peerWarmup", 6000), inflight);
      System.out.printf(
          Locale.ROOT,
          "Camunda 7 peer, same invocation: %.1f wf/s, p50 %.1f ms, p99 %.1f ms%n"
              + "ratios: Ordo ÷ peer wf/s = %.2f; Ordo p99 ÷ peer p99 = %.2f;"
              + " Ordo p50 ÷ peer p50 = %.2f%n",
          peer.perSecond(),
          peer.p50(),
          peer.p99(),
          median.perSecond() / peer.perSecond(),
          median.p99() / peer.p99(),
          median.p50() / peer.p50());
    }
  }

  /** K client threads, each starting an order and waiting for its end before the next. */
  private record ClosedLoop(BenchEnvironment env, RunEnds ends) {

    Round drive(int count, int inflight) throws Exception {
      String batch = "loop-" + UUID.randomUUID().toString().substring(0, 8) + "-";
      AtomicInteger next = new AtomicInteger();
      AtomicLong peakRss = new AtomicLong();
      List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
      long ordoPid = env.ordo().pid();
      var cpu0 = ProcessCpu.Reading.of(env);
      long t0 = System.nanoTime();
      try (ExecutorService clients = Executors.newFixedThreadPool(inflight)) {
        for (int i = 0; i < inflight; i++) {
          clients.submit(
              () -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                  latencies.add(oneOrder(batch + n));
                  if (n % 100 == 0) {
                    peakRss.accumulateAndGet(ProcessCpu.residentMebibytes(ordoPid), Math::max);
                  }
                }
                return null;
              });
        }
        clients.shutdown();
        if (!clients.awaitTermination(30, TimeUnit.MINUTES)) {
          throw new IllegalStateException("the closed loop did not finish");
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (latencies.size() != count) {
        throw new IllegalStateException(count - latencies.size() + " orders did not complete");
      }
      var cpu = ProcessCpu.Reading.of(env).since(cpu0);
      return new Round(
          count / seconds,
          Stats.median(latencies),
          Stats.percentile(latencies, 99),
          cpu.ordo() / (double) count,
          cpu.postgres() / (double) count,
          cpu.bench() / (double) count,
          peakRss.get());
    }

    private double oneOrder(String orderId) throws Exception {
      long start = System.nanoTime();
      String runId = env.ordo().startOrder(orderId);
      String status;
      try {
        status = ends.of(runId).get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new HttpTimeoutException("order " + orderId + " (run " + runId + ") did not end");
      }
      double millis = (System.nanoTime() - start) / 1e6;
      ends.forget(runId);
      if (!status.equals("COMPLETED")) {
        throw new IllegalStateException("order " + orderId + " ended " + status);
      }
      return millis;
    }
  }

  private static Round median(List<Round> rounds) {
    return new Round(
        Stats.median(rounds.stream().map(Round::perSecond).toList()),
        Stats.median(rounds.stream().map(Round::p50).toList()),
        Stats.median(rounds.stream().map(Round::p99).toList()),
        Stats.median(rounds.stream().map(Round::ordoCpu).toList()),
        Stats.median(rounds.stream().map(Round::postgresCpu).toList()),
        Stats.median(rounds.stream().map(Round::benchCpu).toList()),
        rounds.stream().mapToLong(Round::peakRss).max().orElse(0));
  }

  private static void print(String label, Round r, int runs, int inflight) {
    System.out.printf(
        Locale.ROOT,
        "%-8s | %d orders, %d in flight: %6.1f wf/s, p50 %6.1f ms, p99 %6.1f ms | CPU ms/wf:"
            + " Ordo %.2f, PostgreSQL %.2f, broker + clients %.2f | Ordo RSS %d MiB%n",
        label,
        runs,
        inflight,
        r.perSecond(),
        r.p50(),
        r.p99(),
        r.ordoCpu(),
        r.postgresCpu(),
        r.benchCpu(),
        r.peakRss());
  }
}
