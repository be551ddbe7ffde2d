package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WaitIT extends OrdoIT {

  @Test
  void waitsForADurationOnADurableTimer() {
    deploy(
        """
        name: it-wait
        steps:
          - id: pause
            wait: 1s
          - id: after
            function: demo.echo
            input: {done: true}
        """);

    String runId = api.startRun("it-wait", "{}");

    JsonNode run = awaitStatus(runId, "COMPLETED");
    JsonNode pause = step(run, "pause");
    assertThat(pause.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(pause.get("attempts")).isEmpty();
    assertThat(between(pause.get("startedAt"), pause.get("completedAt")))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1))
        .isLessThan(Duration.ofSeconds(5));
    assertThat(step(run, "after").get("status").asString()).isEqualTo("COMPLETED");
  }

  @Test
  void waitsUntilATimestampTheInputGives() {
    deploy(
        """
        name: it-wait-until
        steps:
          - id: pause
            wait: {until: "${ input.at }"}
          - id: after
            function: demo.echo
            input: {done: true}
        """);
    Instant at = Instant.now().plusMillis(1_500).truncatedTo(ChronoUnit.MILLIS);

    String runId = api.startRun("it-wait-until", "{\"at\": \"" + at + "\"}");

    JsonNode run = awaitStatus(runId, "COMPLETED");
    Instant over = Instant.parse(step(run, "pause").get("completedAt").asString());
    assertThat(over).isAfterOrEqualTo(at).isBefore(at.plusSeconds(3));
    assertThat(events(runId).valueStream().map(e -> e.get("type").asString()))
        .containsSubsequence("WaitStarted", "WaitOver", "RunCompleted");
  }

  private static Duration between(JsonNode from, JsonNode to) {
    return Duration.between(Instant.parse(from.asString()), Instant.parse(to.asString()));
  }
}
