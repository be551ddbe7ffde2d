package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CompensationIT extends OrdoIT {

  @Test
  void undoesStepsAlongTheStructureBranchesTogetherIterationsUpToTheirConcurrency() {
    deploy(
        """
        name: it-saga-structure
        steps:
          - id: pay
            function: payments.validate
            input: {orderId: "${ input.orderId }", amount: 10}
            compensate:
              function: payments.refund
              input: {paymentId: "${ steps.pay.output.paymentId }"}
          - id: hold
            parallel:
              - name: fast
                steps:
                  - id: fastHold
                    function: demo.echo
                    input: {hold: fast}
                    compensate: {function: demo.echo, input: {undo: fast}}
              - name: slow
                steps:
                  - id: nap
                    function: demo.sleep
                    input: {millis: 300}
                  - id: slowHold
                    function: demo.echo
                    input: {hold: slow}
                    compensate: {function: demo.echo, input: {undo: slow}}
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
        {"orderId": "s-1", "items": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 1},
                                     {"sku": "OOS-C", "qty": 1}]}""";

    String runId = api.startRun("it-saga-structure", input);

    JsonNode run = awaitStatus(runId, "COMPENSATED");
    List<String> expected =
        List.of("each[1].reserve", "each[0].reserve", "slowHold", "fastHold", "pay");
    List<String> scheduled = compensationsScheduled(runId);
    // Later steps first; a forEach's iterations at most maxConcurrency (here 1) at once, latest
    // first; the branches of a parallel at the same time; the first step last.
    assertThat(scheduled.subList(0, 2))
        .containsExactly("each[1].reserve.compensate", "each[0].reserve.compensate");
    assertThat(scheduled.subList(2, 4))
        .containsExactlyInAnyOrder("slowHold.compensate", "fastHold.compensate");
    assertThat(scheduled).hasSize(5).last().isEqualTo("pay.compensate");
    for (String id : expected) {
      assertThat(step(run, id + ".compensate").get("status").asString())
          .as(id)
          .isEqualTo("COMPLETED");
    }
    assertThat(input(run, "each[1].reserve.compensate").get("reservationId").asString())
        .isEqualTo("res-B");
    assertThat(input(run, "slowHold.compensate").get("undo").asString()).isEqualTo("slow");
    assertThat(input(run, "pay.compensate").get("paymentId").asString()).isEqualTo("pay-s-1");
  }

  private List<String> compensationsScheduled(String runId) {
    return events(runId)
        .valueStream()
        .filter(e -> e.get("type").asString().equals("StepScheduled"))
        .map(e -> e.get("data").get("stepId").asString())
        .filter(id -> id.endsWith(".compensate"))
        .toList();
  }

  private static JsonNode input(JsonNode run, String stepId) {
    return step(run, stepId).get("attempts").get(0).get("input");
  }
}
