package io.ordo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What an idle Ordo costs: after a few orders (so every consumer, pool and loop is running) and a
 * pause to settle, CPU per second of wall time of Ordo's JVM, of PostgreSQL and of this JVM (the
 * broker), over several windows; prints each window and the medians.
 *
 * <p>Settings: {@code windows} (3), {@code windowSeconds} (20), {@code settleSeconds} (10).
 */
public final class IdleBenchmark {

  record Window(double ordo, double postgres, double broker) {}

  public static void main(String[] args) throws Exception {
    int windows = Integer.getInteger("windows", 3);
    int windowSeconds = Integer.getInteger("windowSeconds", 20);
    int settleSeconds = Integer.getInteger("settleSeconds", 10);
    List<Window> results = new ArrayList<>();
    try (var env = BenchEnvironment.start("ordo-idle");
        var ends = new RunEnds(env.kafka().bootstrapServers())) {
      for (int i = 0; i < 20; i++) {
        String runId = env.ordo().startOrder("idle-warm-" + i);
        ends.of(runId).get(60, TimeUnit.SECONDS);
      }
      Thread.sleep(settleSeconds * 1000L);
      for (int w = 1; w <= windows; w++) {
        var before = ProcessCpu.Reading.of(env);
        long t0 = System.nanoTime();
        Thread.sleep(windowSeconds * 1000L);
        double seconds = (System.nanoTime() - t0) / 1e9;
        var used = ProcessCpu.Reading.of(env).since(before);
        Window window =
            new Window(used.ordo() / seconds, used.postgres() / seconds, used.bench() / seconds);
        results.add(window);
        print("window " + w, window);
      }
    }
    print(
        "median",
        new Window(
            Stats.median(results.stream().map(Window::ordo).toList()),
            Stats.median(results.stream().map(Window::postgres).toList()),
            Stats.median(results.stream().map(Window::broker).toList())));
  }

  private static void print(String label, Window w) {
    System.out.printf(
        Locale.ROOT,
        "%-8s | idle CPU ms/s: Ordo %.1f, PostgreSQL %.1f, broker (bench JVM) %.1f%n",
        label,
        w.ordo(),
        w.postgres(),
        w.broker());
  }
}
