package io.ordo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How long {@code java -jar ordo.jar} with its embedded PostgreSQL and Kafka takes to come up, and
 * to resume work after {@code kill -9}, phase by phase (from its log), for one or more jars / JVM
 * options side by side in one invocation (rounds interleave them).
 *
 * <p>Each round, per variant: a <b>warm start</b> on an initialised data directory that was shut
 * down cleanly (ms from launch), one order run to completion, {@code kill -9}, and a <b>restart
 * after the kill</b> that starts a new {@code order-fulfillment} run as soon as it is healthy (ms
 * from the kill, the restart launched at once), then a clean stop.
 *
 * <p>Settings: {@code rounds} (5); {@code variants} ({@code name=jar,…}; default {@code
 * ordo=orchestrator/target/ordo.jar}); {@code jvm.<name>} extra JVM options of a variant.
 */
public final class RestartBenchmark {

  private record Variant(String name, Path jar, List<String> jvmArgs, Path data) {}

  private RestartBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("rounds", 5);
    Path dir = Files.createTempDirectory("ordo-restart-");
    List<Variant> variants = variants(dir);
    Map<String, List<Map<String, Long>>> results = new LinkedHashMap<>();
    for (Variant v : variants) {
      System.out.printf(Locale.ROOT, "%s: %s %s%n", v.name(), v.jar(), v.jvmArgs());
      long first = initialise(v, dir);
      System.out.printf(
          Locale.ROOT, "  first start (initdb, format): healthy after %d ms%n", first);
    }
    for (int round = 1; round <= rounds; round++) {
      for (Variant v : variants) {
        Map<String, Long> warm = new LinkedHashMap<>();
        Map<String, Long> crash = new LinkedHashMap<>();
        round(v, dir.resolve(v.name() + "-" + round), warm, crash);
        results.computeIfAbsent(v.name() + " warm", k -> new ArrayList<>()).add(warm);
        results.computeIfAbsent(v.name() + " after kill", k -> new ArrayList<>()).add(crash);
        System.out.printf(Locale.ROOT, "round %d %-12s warm  %s%n", round, v.name(), warm);
        System.out.printf(Locale.ROOT, "round %d %-12s crash %s%n", round, v.name(), crash);
      }
    }
    printMedians(results, rounds);
  }

  private static List<Variant> variants(Path dir) {
    String spec = System.getProperty("variants", "ordo=" + defaultJar());
    List<Variant> variants = new ArrayList<>();
    for (String entry : spec.split(",")) {
      String[] nameAndJar = entry.strip().split("=", 2);
      String name = nameAndJar[0];
      String jvm = System.getProperty("jvm." + name, "").strip();
      variants.add(
          new Variant(
              name,
              Path.of(nameAndJar[1]).toAbsolutePath(),
              jvm.isEmpty() ? List.of() : Arrays.asList(jvm.split("\\s+")),
              dir.resolve(name + "-data")));
    }
    return variants;
  }

  private static Path defaultJar() {
    Path fromRoot = Path.of("orchestrator", "target", "ordo.jar");
    return Files.exists(fromRoot) ? fromRoot : Path.of("..").resolve(fromRoot);
  }

  private static long initialise(Variant v, Path dir) throws Exception {
    var ordo = OrdoLaunch.start(v.jar(), v.jvmArgs(), v.data(), dir.resolve(v.name() + "-0.log"));
    try {
      Instant healthy = ordo.awaitHealthy();
      ordo.runOrder();
      return Duration.between(ordo.launchedAt(), healthy).toMillis();
    } finally {
      ordo.stop();
    }
  }

  private static void round(Variant v, Path logs, Map<String, Long> warm, Map<String, Long> crash)
      throws Exception {
    var first =
        OrdoLaunch.start(
            v.jar(), v.jvmArgs(), v.data(), logs.resolveSibling(logs.getFileName() + "-warm.log"));
    Instant healthy;
    try {
      healthy = first.awaitHealthy();
      warm.put("CPU ms at healthy", first.cpuMillis());
    } catch (Exception e) {
      first.kill();
      throw e;
    }
    Instant warmOrder = first.runOrder();
    warm.putAll(StartupPhases.read(first.log(), first.launchedAt()));
    warm.put("HEALTHY", Duration.between(first.launchedAt(), healthy).toMillis());
    warm.put("order done", Duration.between(first.launchedAt(), warmOrder).toMillis());
    Instant killedAt = first.kill();
    var second =
        OrdoLaunch.start(
            v.jar(), v.jvmArgs(), v.data(), logs.resolveSibling(logs.getFileName() + "-crash.log"));
    try {
      Instant restarted = second.awaitHealthy();
      crash.put("CPU ms at healthy", second.cpuMillis());
      Instant resumed = second.runOrder();
      crash.putAll(StartupPhases.read(second.log(), killedAt));
      crash.put("HEALTHY", Duration.between(killedAt, restarted).toMillis());
      crash.put("order done", Duration.between(killedAt, resumed).toMillis());
    } finally {
      second.stop();
    }
  }

  private static void printMedians(Map<String, List<Map<String, Long>>> results, int rounds) {
    Set<String> phases = new LinkedHashSet<>(StartupPhases.MARKERS.keySet());
    phases.addAll(StartupPhases.LAST_MARKERS.keySet());
    phases.add("HEALTHY");
    phases.add("order done");
    phases.add("CPU ms at healthy");
    System.out.printf(
        Locale.ROOT,
        "%nmedians over %d rounds, ms (warm: since launch; after kill: since the kill)%n%-22s",
        rounds,
        "phase ends");
    results.keySet().forEach(column -> System.out.printf(Locale.ROOT, " %18s", column));
    System.out.println();
    for (String phase : phases) {
      System.out.printf(Locale.ROOT, "%-22s", phase);
      for (List<Map<String, Long>> column : results.values()) {
        List<Double> values =
            column.stream()
                .filter(m -> m.containsKey(phase))
                .map(m -> (double) m.get(phase))
                .toList();
        System.out.printf(
            Locale.ROOT, " %18s", values.isEmpty() ? "-" : "%.0f".formatted(Stats.median(values)));
      }
      System.out.println();
    }
  }
}
