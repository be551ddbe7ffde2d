package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A standalone Kafka broker killed with SIGKILL under load and kept away for a minute (longer than
 * the steps' timeouts), then started again: every order ends as its input implies and no side
 * effect happens twice — no attempt times out on a result it could not see, and starts made during
 * the outage go through. {@code -Dordo.drill.outage=60s} sets how long the broker is away.
 */
class BrokerOutageDrillIT {

  private static final Duration OUTAGE =
      Duration.parse("PT" + System.getProperty("ordo.drill.outage", "60s").toUpperCase());

  private StandaloneKafka kafka;
  private OrchestratorProcess ordo;
  private LedgerWorker worker;
  private Readiness readiness;
  private final Map<String, DrillOrders> kindOf = new HashMap<>();

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
  }

  @Test
  void ordersEndAsTheirInputImpliesThroughABrokerOutageLongerThanTheirTimeouts() throws Exception {
    kafka = StandaloneKafka.start();
    DrillDatabase db = DrillDatabase.create("outage");
    List<String> settings = new ArrayList<>(db.settings());
    settings.addAll(
        List.of(
            "ordo.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "ordo.examples.workers=false",
            "ordo.instance-id=outage-drill",
            "logging.level.root=WARN"));
    ordo = OrchestratorProcess.start("outage-drill", settings).awaitReady(Duration.ofMinutes(2));
    OrdoApi api = new OrdoApi(ordo.port);
    api.deploy(DrillOrders.QUICK_ORDER);
    worker = new LedgerWorker(kafka.bootstrapServers(), "outage-worker", Map.of()).start();

    readiness = new Readiness(ordo.port).awaitReady(Duration.ofSeconds(30));
    submit(api, 100);
    // Taken before the stop: readiness may go DOWN while the stop is still under way.
    Instant killed = Instant.now();
    kafka.kill();
    long inFlight = kindOf.keySet().stream().map(api::status).filter(DrillOrders::busy).count();
    submit(api, 40); // the database is up: starts go through and wait in the outbox
    Thread.sleep(OUTAGE.toMillis());
    kafka.restart();
    Instant back = Instant.now();

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> kindOf.keySet().stream().map(api::status).noneMatch(DrillOrders::busy));
    Duration down = readiness.became(false, killed).orElseThrow();
    Duration up = readiness.recovered(killed, back).orElseThrow();
    System.out.printf(
        "broker away %s: %d orders, %d in flight at the kill, %d redeliveries deduped;"
            + " readiness DOWN %d ms after the kill, UP %d ms after the broker was back%n",
        OUTAGE, kindOf.size(), inFlight, worker.redeliveries(), down.toMillis(), up.toMillis());
    assertThat(down).as("readiness DOWN after the broker died").isLessThan(Duration.ofSeconds(5));
    assertThat(up).as("readiness UP after the broker came back").isLessThan(Duration.ofSeconds(5));
    assertThat(readiness.livenessFailed()).as("liveness failed during the outage").isFalse();
    assertThat(inFlight).as("orders in flight when the broker died").isPositive();
    DrillOrders.assertEachEndedAsItsInputImplies(api, kindOf, worker);
  }

  private void submit(OrdoApi api, int count) {
    for (int i = 0; i < count; i++) {
      DrillOrders kind = DrillOrders.inTheOutageMix(i);
      kindOf.put(api.startRun("quick-order", kind.input(UUID.randomUUID().toString())), kind);
    }
  }
}
