package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The one-command start keeps its data: Ordo with its own embedded PostgreSQL and Kafka is killed
 * with SIGKILL mid-run, started again on the same data directory, and the run finishes.
 */
class EmbeddedRestartIT {

  private OrchestratorProcess ordo;

  @AfterEach
  void stop() throws InterruptedException {
    if (ordo != null) {
      ordo.kill();
    }
  }

  @Test
  void resumesARunAfterTheWholeEmbeddedOrdoIsKilled() throws Exception {
    Path data = Files.createTempDirectory("ordo-embedded-restart-");
    List<String> settings =
        List.of(
            "ordo.embedded.data-directory=" + data,
            "ordo.embedded.kafka-port=0",
            "ordo.instance-id=embedded-restart",
            "logging.level.root=WARN");
    ordo = OrchestratorProcess.start("embedded-1", settings).awaitReady(Duration.ofMinutes(2));
    OrdoApi api = new OrdoApi(ordo.port);
    api.deploy(
        """
        name: nap-then-echo
        steps:
          - id: nap
            function: demo.sleep
            timeout: 5s
            # one attempt is enough: the restarted workers take their partitions back at once
            # (static membership), and the time Ordo was down does not count against the timeout
            retry: {maxAttempts: 1}
            input: {millis: 2000}
          - id: echo
            function: demo.echo
            input: {done: true}
        """);
    String runId = api.startRun("nap-then-echo", "{}");
    await().atMost(Duration.ofSeconds(30)).until(() -> api.run(runId).get("steps").size() > 0);

    ordo.kill();
    long killed = System.nanoTime();
    ordo = OrchestratorProcess.start("embedded-2", settings).awaitReady(Duration.ofMinutes(2));
    OrdoApi restarted = new OrdoApi(ordo.port);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> restarted.status(runId), "COMPLETED"::equals);
    System.out.printf(
        "the run in flight at kill -9 completed %d ms after the kill%n",
        Duration.ofNanos(System.nanoTime() - killed).toMillis());
    JsonNode run = restarted.run(runId);
    assertThat(OrdoIT.step(run, "nap").get("status").asString()).isEqualTo("COMPLETED");
    assertThat(OrdoIT.step(run, "echo").get("status").asString()).isEqualTo("COMPLETED");
  }
}
