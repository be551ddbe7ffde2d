package io.ordo.bench;

import io.ordo.embedded.EmbeddedKafkaServer;
import io.ordo.embedded.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The in-process broker next to standalone ones, in one invocation. Brokers ({@code -Dbrokers=}):
 *
 * <ul>
 *   <li>{@code stock} — {@code kafka.Kafka} with a stock {@code server.properties} in a JVM of its
 *       own, as {@code ../shared/peers/kafka-rtt} runs it (same jars as the embedded one);
 *   <li>{@code child} — Ordo's {@link EmbeddedKafkaServer}, with its settings, in a JVM of its own;
 *   <li>{@code embedded} — the same {@link EmbeddedKafkaServer} in this JVM, beside the clients;
 *   <li>{@code ordo} — {@code ordo.jar} as a user starts it, its broker inside its own JVM beside
 *       the orchestrator and the example workers.
 * </ul>
 *
 * <p>Each is probed ({@link RoundTripProbe}: {@code hop}, {@code echo}; {@code legacy} is {@link
 * KafkaRoundTrip}, the order benchmark's baseline, unchanged) with each client setting, round after
 * round, brokers interleaved; the medians and the ratio embedded ÷ standalone are printed.
 *
 * <p>Settings (system properties): {@code rounds} (5), {@code trips} per probe (2000), {@code
 * warmup} trips (1000), {@code brokers} ({@code stock,child,embedded}), {@code probes} ({@code
 * hop,echo}), {@code clients} (the names in {@link ClientSettings#VARIANTS}, default {@code
 * ordo,linger1}), {@code childJvmArgs} (none), {@code ordo} (false: true runs an idle {@code
 * ordo.jar} on the {@code embedded} broker, as the order benchmark does).
 */
public final class BrokerRoundTripBenchmark {

  record Cell(String broker, String probe, String client) {}

  private record Setup(
      int rounds,
      int trips,
      int warmup,
      List<String> brokers,
      List<String> probes,
      List<String> clients,
      List<String> childJvmArgs,
      boolean ordoBeside) {

    static Setup fromSystemProperties() {
      return new Setup(
          Integer.getInteger("rounds", 5),
          Integer.getInteger("trips", 2000),
          Integer.getInteger("warmup", 1000),
          list("brokers", "stock,child,embedded"),
          list("probes", "hop,echo"),
          list("clients", "ordo,linger1"),
          list("childJvmArgs", ""),
          Boolean.getBoolean("ordo"));
    }

    /** The client settings a probe is run with; {@code legacy} brings its own. */
    List<String> clientsOf(String probe) {
      return probe.equals("legacy") ? List.of("own") : clients;
    }
  }

  public static void main(String[] args) throws Exception {
    Setup setup = Setup.fromSystemProperties();
    Path dir = Files.createTempDirectory("broker-rtt-");
    System.out.printf(
        Locale.ROOT,
        "Kafka round trips: %d rounds × %d trips (after %d warm-up), 1 KiB values, one in flight;"
            + " child JVM args %s; Ordo beside: %s; data in %s%n",
        setup.rounds(),
        setup.trips(),
        setup.warmup(),
        setup.childJvmArgs(),
        setup.ordoBeside(),
        dir);
    List<AutoCloseable> running = new ArrayList<>();
    try {
      Map<String, String> bootstrap = startBrokers(setup, dir, running);
      if (setup.ordoBeside()) {
        startOrdo(bootstrap.get("embedded"), dir, running);
      }
      Map<Cell, List<RoundTripProbe.Result>> results = new LinkedHashMap<>();
      for (int round = 1; round <= setup.rounds(); round++) {
        System.out.printf(Locale.ROOT, "%nround %d%n", round);
        header();
        measureRound(setup, bootstrap, results);
      }
      System.out.printf(Locale.ROOT, "%nmedians over %d rounds%n", setup.rounds());
      header();
      Map<Cell, RoundTripProbe.Result> medians = new LinkedHashMap<>();
      results.forEach((cell, list) -> medians.put(cell, median(list)));
      medians.forEach(BrokerRoundTripBenchmark::line);
      ratios(medians, setup);
    } finally {
      Collections.reverse(running);
      for (AutoCloseable closeable : running) {
        closeable.close();
      }
    }
  }

  private static Map<String, String> startBrokers(
      Setup setup, Path dir, List<AutoCloseable> running) throws Exception {
    Map<String, String> bootstrap = new LinkedHashMap<>();
    for (String name : setup.brokers()) {
      long t0 = System.nanoTime();
      Path logs = dir.resolve(name);
      String servers =
          switch (name) {
            case "stock" -> {
              var b = ChildBroker.stock(logs, FreePorts.pair(), setup.childJvmArgs());
              running.add(b);
              yield b.bootstrapServers();
            }
            case "child" -> {
              var b = ChildBroker.ordo(logs, FreePorts.one(), setup.childJvmArgs());
              running.add(b);
              yield b.bootstrapServers();
            }
            case "ordo" -> {
              int port = FreePorts.one();
              running.add(ordoWithItsBroker(logs, port));
              yield "localhost:" + port;
            }
            case "embedded" -> {
              var b = EmbeddedKafkaServer.start(logs, 0);
              running.add(b);
              yield b.bootstrapServers();
            }
            default -> throw new IllegalArgumentException("unknown broker " + name);
          };
      bootstrap.put(name, servers);
      System.out.printf(
          Locale.ROOT,
          "%-9s on %s (%d ms to start)%n",
          name,
          servers,
          (System.nanoTime() - t0) / 1_000_000);
    }
    return bootstrap;
  }

  /**
   * As in the order benchmark: {@code ordo.jar} (idle, with its example workers' consumer groups)
   * on this JVM's embedded broker, and PostgreSQL.
   */
  private static void startOrdo(String kafka, Path dir, List<AutoCloseable> running)
      throws Exception {
    if (kafka == null) {
      throw new IllegalArgumentException("-Dordo=true needs the embedded broker");
    }
    var postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
    running.add(postgres);
    var ordo =
        new OrdoProcess(
            ordoJar(),
            List.of(
                "spring.datasource.url=" + postgres.jdbcUrl(),
                "spring.datasource.username=" + postgres.username(),
                "spring.datasource.password=" + postgres.password(),
                "ordo.kafka.bootstrap-servers=" + kafka,
                "logging.level.root=WARN"),
            dir.resolve("ordo.log"));
    running.add(ordo);
    ordo.awaitReady(Duration.ofMinutes(2));
    System.out.println("ordo.jar is up beside, on the embedded broker");
  }

  /** {@code ordo.jar} as a user starts it: its own embedded PostgreSQL and Kafka in its JVM. */
  private static OrdoProcess ordoWithItsBroker(Path dir, int kafkaPort) throws Exception {
    var ordo =
        new OrdoProcess(
            ordoJar(),
            List.of(
                "ordo.embedded.data-directory=" + dir,
                "ordo.embedded.kafka-port=" + kafkaPort,
                "logging.level.root=WARN"),
            dir.resolve("ordo.log"));
    ordo.awaitReady(Duration.ofMinutes(2));
    return ordo;
  }

  /** {@code -Dordo.jar=…}, else the build's jar (as {@link BenchEnvironment} finds it). */
  private static Path ordoJar() {
    String given = System.getProperty("ordo.jar");
    Path fromRoot = Path.of("orchestrator", "target", "ordo.jar");
    Path jar =
        given != null
            ? Path.of(given)
            : Files.exists(fromRoot) ? fromRoot : Path.of("..").resolve(fromRoot);
    return jar.toAbsolutePath();
  }

  private static void measureRound(
      Setup setup, Map<String, String> bootstrap, Map<Cell, List<RoundTripProbe.Result>> results)
      throws Exception {
    for (String probe : setup.probes()) {
      for (String client : setup.clientsOf(probe)) {
        for (String broker : setup.brokers()) {
          var result =
              measure(probe, ClientSettings.VARIANTS.get(client), bootstrap.get(broker), setup);
          Cell cell = new Cell(broker, probe, client);
          results.computeIfAbsent(cell, c -> new ArrayList<>()).add(result);
          line(cell, result);
        }
      }
    }
  }

  private static RoundTripProbe.Result measure(
      String probe, ClientSettings settings, String bootstrap, Setup setup) throws Exception {
    return switch (probe) {
      case "hop" ->
          RoundTripProbe.hop(
              bootstrap, settings.producer(), settings.consumer(), setup.warmup(), setup.trips());
      case "echo" ->
          RoundTripProbe.echo(
              bootstrap, settings.producer(), settings.consumer(), setup.warmup(), setup.trips());
      case "legacy" -> legacy(bootstrap, setup.warmup(), setup.trips());
      default -> throw new IllegalArgumentException("unknown probe " + probe);
    };
  }

  /**
   * {@link KafkaRoundTrip} unchanged, as the order benchmark uses it (its own client settings; only
   * the p50 of the trip).
   */
  private static RoundTripProbe.Result legacy(String bootstrap, int warmup, int trips) {
    try (var roundTrip = new KafkaRoundTrip(bootstrap)) {
      roundTrip.latency(warmup);
      double p50 = roundTrip.latency(trips).p50Millis() * 1000;
      return new RoundTripProbe.Result(Double.NaN, Double.NaN, p50, Double.NaN);
    }
  }

  private static void ratios(Map<Cell, RoundTripProbe.Result> medians, Setup setup) {
    List<String> brokers = setup.brokers();
    if (!brokers.contains("embedded")) {
      return;
    }
    System.out.println();
    for (String probe : setup.probes()) {
      for (String client : setup.clientsOf(probe)) {
        var embedded = medians.get(new Cell("embedded", probe, client));
        for (String standalone : brokers) {
          if (standalone.equals("embedded")) {
            continue;
          }
          var other = medians.get(new Cell(standalone, probe, client));
          System.out.printf(
              Locale.ROOT,
              "embedded ÷ %-5s %-4s %-18s trip p50 %.2f×  p99 %.2f×  ack p50 %.2f×%n",
              standalone,
              probe,
              client,
              embedded.tripP50() / other.tripP50(),
              embedded.tripP99() / other.tripP99(),
              embedded.ackP50() / other.ackP50());
        }
      }
    }
  }

  private static void header() {
    System.out.printf(
        Locale.ROOT,
        "%-9s %-5s %-18s %10s %10s %10s %10s%n",
        "broker",
        "probe",
        "client",
        "ack p50",
        "ack p99",
        "trip p50",
        "trip p99");
  }

  private static void line(Cell cell, RoundTripProbe.Result r) {
    System.out.printf(
        Locale.ROOT,
        "%-9s %-5s %-18s %8.0fµs %8.0fµs %8.0fµs %8.0fµs%n",
        cell.broker(),
        cell.probe(),
        cell.client(),
        r.ackP50(),
        r.ackP99(),
        r.tripP50(),
        r.tripP99());
  }

  private static RoundTripProbe.Result median(List<RoundTripProbe.Result> list) {
    return new RoundTripProbe.Result(
        median(list, RoundTripProbe.Result::ackP50),
        median(list, RoundTripProbe.Result::ackP99),
        median(list, RoundTripProbe.Result::tripP50),
        median(list, RoundTripProbe.Result::tripP99));
  }

  private static double median(
      List<RoundTripProbe.Result> list, ToDoubleFunction<RoundTripProbe.Result> field) {
    return Stats.median(list.stream().map(field::applyAsDouble).toList());
  }

  private static List<String> list(String property, String defaults) {
    String value = System.getProperty(property, defaults).strip();
    return value.isEmpty()
        ? List.of()
        : Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
  }
}
