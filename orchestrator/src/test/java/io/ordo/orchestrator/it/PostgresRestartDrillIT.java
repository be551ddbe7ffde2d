package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordo.embedded.EmbeddedPostgresServer;
import io.ordo.orchestrator.it.OrdoApi.Response;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL of its own, restarted under load (stopped for {@code -Dordo.drill.pg-outage}, 10 s by
 * default, and started again on the same data and port) while orders are in flight and clients keep
 * starting more, retrying with their idempotency keys as a client would: every accepted order ends
 * as its input implies, no side effect happens twice, nothing is stuck, and readiness goes DOWN and
 * UP again within 5 s of the database.
 */
class PostgresRestartDrillIT {

  private static final Duration OUTAGE =
      Duration.parse("PT" + System.getProperty("ordo.drill.pg-outage", "10s").toUpperCase());

  private EmbeddedPostgresServer postgres;
  private StandaloneKafka kafka;
  private OrchestratorProcess ordo;
  private LedgerWorker worker;
  private Readiness readiness;
  private final Map<String, DrillOrders> kindOf = new ConcurrentHashMap<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (readiness != null) {
      readiness.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (ordo != null) {
      ordo.kill();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void ordersEndAsTheirInputImpliesThroughAPostgresRestartUnderLoad() throws Exception {
    Path data = Files.createTempDirectory("ordo-pg-drill-").resolve("postgres");
    int pgPort = TestPorts.next();
    postgres = EmbeddedPostgresServer.start(data, pgPort);
    kafka = StandaloneKafka.start();
    ordo =
        OrchestratorProcess.start(
                "pg-restart-drill",
                List.of(
                    "spring.datasource.url=" + postgres.jdbcUrl(),
                    "spring.datasource.username=" + postgres.username(),
                    "spring.datasource.password=" + postgres.password(),
                    "ordo.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "ordo.examples.workers=false",
                    "ordo.instance-id=pg-restart-drill",
                    "logging.level.root=WARN"))
            .awaitReady(Duration.ofMinutes(2));
    OrdoApi api = new OrdoApi(ordo.port);
    api.deploy(DrillOrders.QUICK_ORDER);
    worker = new LedgerWorker(kafka.bootstrapServers(), "pg-drill-worker", Map.of()).start();
    readiness = new Readiness(ordo.port).awaitReady(Duration.ofSeconds(30));

    List<Thread> clients = new ArrayList<>(); // four clients starting orders through the outage
    for (int i = 0; i < 4; i++) {
      clients.add(Thread.ofPlatform().start(() -> submit(api, 25)));
    }
    await().atMost(Duration.ofMinutes(1)).until(() -> kindOf.size() >= 40);
    long inFlight = kindOf.keySet().stream().map(api::status).filter(DrillOrders::busy).count();
    // Taken before the stop: readiness may go DOWN while the stop is still under way.
    Instant stopped = Instant.now();
    postgres.close();
    Thread.sleep(OUTAGE.toMillis());
    postgres = EmbeddedPostgresServer.start(data, pgPort);
    Instant back = Instant.now();
    for (Thread client : clients) {
      client.join(Duration.ofMinutes(2).toMillis());
    }

    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> kindOf.keySet().stream().map(api::status).noneMatch(DrillOrders::busy));
    Duration down = readiness.became(false, stopped).orElseThrow();
    Duration up = readiness.recovered(stopped, back).orElseThrow();
    System.out.printf(
        "PostgreSQL away %s: %d orders, %d in flight at the stop, %d redeliveries deduped;"
            + " readiness DOWN %d ms after the stop began, UP %d ms after the database was back%n",
        OUTAGE, kindOf.size(), inFlight, worker.redeliveries(), down.toMillis(), up.toMillis());
    assertThat(kindOf).hasSize(100);
    assertThat(inFlight).as("orders in flight when PostgreSQL stopped").isPositive();
    DrillOrders.assertEachEndedAsItsInputImplies(api, kindOf, worker);
    assertThat(down)
        .as("readiness DOWN after PostgreSQL stopped")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(up).as("readiness UP after PostgreSQL was back").isLessThan(Duration.ofSeconds(5));
    assertThat(readiness.livenessFailed()).as("liveness failed during the outage").isFalse();
  }

  /** Starts orders as a client would: a key of its own per order, the same key on every retry. */
  private void submit(OrdoApi api, int count) {
    for (int i = 0; i < count; i++) {
      DrillOrders kind = DrillOrders.inTheOutageMix(i);
      String key = UUID.randomUUID().toString();
      String input = kind.input(key);
      while (true) {
        try {
          Response started = api.start("quick-order", input, key);
          if (started.status() == 201 || started.status() == 200) {
            kindOf.put(started.body().get("runId").asString(), kind);
            break;
          }
          assertThat(started.status()).as(started.body().toString()).isEqualTo(503);
        } catch (UncheckedIOException refused) {
          // Ordo is busy or away: as a client, try again
        }
        sleep();
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
