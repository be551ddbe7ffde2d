package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded default, killed with SIGKILL again and again while orders are in flight (its
 * PostgreSQL and Kafka die with it), restarted as fast as it comes up: every order must end as its
 * input implies, and no side effect may happen twice. The workers run outside the killed process,
 * as a careful team's would: they do each side effect once per idempotency key and keep a ledger.
 *
 * <p>{@code -Dordo.drill.kills} (default 5) and {@code -Dordo.drill.orders} (default 300).
 */
class EmbeddedKillDrillIT {

  private static final int KILLS = Integer.getInteger("ordo.drill.kills", 5);
  private static final int ORDERS = Integer.getInteger("ordo.drill.orders", 300);

  private OrchestratorProcess ordo;
  private LedgerWorker worker;
  private final Map<String, DrillOrders> kindOf = new HashMap<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (worker != null) {
      worker.close();
    }
    if (ordo != null) {
      ordo.kill();
    }
  }

  @Test
  void everyOrderEndsAsItsInputImpliesThroughRepeatedKillsAndNoSideEffectHappensTwice()
      throws Exception {
    Path data = Files.createTempDirectory("ordo-kill-drill-");
    int kafkaPort = TestPorts.next();
    List<String> settings =
        List.of(
            "ordo.embedded.data-directory=" + data,
            "ordo.embedded.kafka-port=" + kafkaPort,
            "ordo.examples.workers=false",
            "ordo.instance-id=kill-drill",
            "logging.level.root=WARN");
    ordo = start(settings, 0);
    new OrdoApi(ordo.port)
        .deploy(
            """
            name: drill-probe
            steps:
              - {id: echo, function: demo.echo}
            """);
    worker = new LedgerWorker("localhost:" + kafkaPort, "drill-worker", Map.of()).start();

    Random random = new Random(42);
    List<Long> resumed = new ArrayList<>();
    int perCycle = ORDERS / KILLS;
    for (int cycle = 1; cycle <= KILLS; cycle++) {
      submit(new OrdoApi(ordo.port), perCycle, cycle);
      Thread.sleep(500 + random.nextInt(3_500));
      ordo.kill();
      long killed = System.nanoTime();
      ordo = start(settings, cycle);
      probe(new OrdoApi(ordo.port));
      resumed.add(Duration.ofNanos(System.nanoTime() - killed).toMillis());
    }

    OrdoApi api = new OrdoApi(ordo.port);
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> unfinished(api) == 0);
    System.out.printf(
        "kill -9 to a new run completing, per restart: %s ms; %d redeliveries deduped%n",
        resumed, worker.redeliveries());

    Map<String, String> wrong = DrillOrders.wrongEnds(api, kindOf);
    assertThat(wrong).as("runs that did not end as their input implies").isEmpty();
    assertThat(worker.stepsWithSeveralKeys()).as("steps given two idempotency keys").isEmpty();
    kindOf.forEach((runId, kind) -> assertSideEffects(runId, kind));
  }

  private OrchestratorProcess start(List<String> settings, int cycle) throws InterruptedException {
    return OrchestratorProcess.start("kill-drill-" + cycle, settings)
        .awaitReady(Duration.ofMinutes(2));
  }

  private void submit(OrdoApi api, int count, int cycle) {
    DrillOrders[] kinds = {
      DrillOrders.OK, DrillOrders.OUT_OF_STOCK, DrillOrders.OK, DrillOrders.FLAKY
    };
    for (int i = 0; i < count; i++) {
      DrillOrders kind = kinds[i % kinds.length];
      String orderId = "c" + cycle + "-" + UUID.randomUUID();
      kindOf.put(api.startRun("order-fulfillment", kind.input(orderId)), kind);
    }
  }

  private static void probe(OrdoApi api) {
    String runId = api.startRun("drill-probe", "{}");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> api.status(runId), "COMPLETED"::equals);
  }

  private long unfinished(OrdoApi api) {
    return kindOf.keySet().stream()
        .map(api::status)
        .filter(s -> s.equals("RUNNING") || s.equals("COMPENSATING"))
        .count();
  }

  private void assertSideEffects(String runId, DrillOrders kind) {
    boolean refunded = kind.refunded();
    assertThat(worker.sideEffects(runId, "payments.validate")).as(runId + " charged").isEqualTo(1);
    assertThat(worker.sideEffects(runId, "payments.refund"))
        .as(runId + " refunded")
        .isEqualTo(refunded ? 1 : 0);
    assertThat(worker.sideEffects(runId, "inventory.reserve"))
        .as(runId + " reserved")
        .isEqualTo(refunded ? 0 : 1);
    assertThat(worker.sideEffects(runId, "email.send"))
        .as(runId + " emailed")
        .isEqualTo(refunded ? 0 : 1);
  }
}
