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
            # the killed worker keeps its Kafka partitions until its session times out (45 s), so
            # attempts dispatched before that time out: leave room for them
            retry: {maxAttempts: 20, initialInterval: 1s, maxInterval: 5s}
            input: {millis: 2000}
          - id: echo
            function: demo.echo
            input: {done: true}
        """);
    String runId = api.startRun("nap-then-echo", "{}");
    await().atMost(Duration.ofSeconds(30)).until(() -> api.run(runId).get("steps").size() > 0);

    ordo.kill();
    ordo = OrchestratorProcess.start("embedded-2", settings).awaitReady(Duration.ofMinutes(2));
    OrdoApi restarted = new OrdoApi(ordo.port);

    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> restarted.status(runId), "COMPLETED"::equals);
    JsonNode run = restarted.run(runId);
    assertThat(OrdoIT.step(run, "nap").get("status").asString()).isEqualTo("COMPLETED");
    assertThat(OrdoIT.step(run, "echo").get("status").asString()).isEqualTo("COMPLETED");
  }
}
