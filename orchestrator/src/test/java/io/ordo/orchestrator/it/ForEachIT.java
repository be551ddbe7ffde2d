package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ForEachIT extends OrdoIT {

  @Test
  void keepsTheOutputsInItemOrderWithAtMostMaxConcurrencyIterationsAtOnce() {
    deploy(
        """
        name: it-foreach
        steps:
          - id: each
            forEach: "${ input.items }"
            as: item
            maxConcurrency: 2
            steps:
              - id: nap
                function: demo.sleep
                input: {millis: "${ item.millis }"}
              - id: tag
                function: demo.echo
                input: {n: "${ item.n }"}
        output: ${ steps.each.output }
        """);
    String input =
        """
        {"items": [{"n": 1, "millis": 300}, {"n": 2, "millis": 10}, {"n": 3, "millis": 150},
                   {"n": 4, "millis": 0}, {"n": 5, "millis": 60}]}""";

    String runId = api.startRun("it-foreach", input);

    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(run.get("output").toString())
        .isEqualTo("[{\"n\":1},{\"n\":2},{\"n\":3},{\"n\":4},{\"n\":5}]");
    assertThat(step(run, "each[3].tag").get("lane").asString()).isEqualTo("body:3");
    assertThat(mostIterationsAtOnce(run, 5)).isEqualTo(2);
  }

  @Test
  void runsTwoHundredIterationsQuickly() {
    deploy(
        """
        name: it-foreach-many
        steps:
          - id: each
            forEach: "${ input.items }"
            maxConcurrency: 50
            steps:
              - id: echo
                function: demo.echo
                input: "${ item }"
        output: ${ steps.each.output }
        """);
    String items =
        IntStream.range(0, 200).mapToObj(Integer::toString).collect(Collectors.joining(","));
    Instant started = Instant.now();

    String runId = api.startRun("it-foreach-many", "{\"items\": [" + items + "]}");

    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(20));
    assertThat(run.get("output").toString()).isEqualTo("[" + items + "]");
    assertThat(run.get("steps")).hasSize(201);
  }

  @Test
  void failsTheRunWhenAnIterationFailsAndUndoesTheIterationsThatCompleted() {
    deploy(
        """
        name: it-foreach-fails
        steps:
          - id: each
            forEach: "${ input.items }"
            maxConcurrency: 1
            steps:
              - id: reserve
                function: inventory.reserve
                input: {orderId: "${ item.sku }", items: ["${ item }"]}
                compensate:
                  function: inventory.release
                  input: {reservationId: "${ steps.reserve.output.reservationId }"}
        """);
    String input =
        """
        {"items": [{"sku": "A", "qty": 1}, {"sku": "OOS-B", "qty": 1}, {"sku": "C", "qty": 1}]}""";

    String runId = api.startRun("it-foreach-fails", input);

    JsonNode run = awaitStatus(runId, "COMPENSATED");
    assertThat(run.get("error").get("type").asString()).isEqualTo("OutOfStock");
    assertThat(step(run, "each[1].reserve").get("status").asString()).isEqualTo("FAILED");
    assertThat(stepIds(run)).doesNotContain("each[2].reserve");
    JsonNode release = step(run, "each[0].reserve.compensate");
    assertThat(release.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(release.get("attempts").get(0).get("input").get("reservationId").asString())
        .isEqualTo("res-A");
  }

  /**
   * The most iterations in flight at one time, from when their first step started to the last's
   * end.
   */
  private static int mostIterationsAtOnce(JsonNode run, int count) {
    List<Instant[]> spans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant from = Instant.parse(step(run, "each[" + i + "].nap").get("startedAt").asString());
      Instant to = Instant.parse(step(run, "each[" + i + "].tag").get("completedAt").asString());
      spans.add(new Instant[] {from, to});
    }
    int most = 0;
    for (Instant[] span : spans) {
      Instant at = span[0];
      int open = (int) spans.stream().filter(s -> !s[0].isAfter(at) && s[1].isAfter(at)).count();
      most = Math.max(most, open);
    }
    return most;
  }
}
