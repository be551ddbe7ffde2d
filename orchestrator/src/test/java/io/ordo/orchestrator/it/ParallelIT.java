package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ParallelIT extends OrdoIT {

  @Test
  void joinsTheBranchesIntoAListOfTheirOutputsInBranchOrder() {
    deploy(
        """
        name: it-parallel
        steps:
          - id: both
            parallel:
              - name: left
                steps:
                  - id: slowLeft
                    function: demo.sleep
                    input: {millis: 200}
                  - id: left
                    function: demo.echo
                    input: {side: left}
              - steps:
                  - id: right1
                    function: demo.echo
                    input: {side: right}
                  - id: right2
                    function: demo.echo
                    input: {after: "${ steps.right1.output.side }"}
        output: ${ steps.both.output }
        """);

    String runId = api.startRun("it-parallel", "{}");

    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(run.get("output").toString())
        .isEqualTo("[{\"side\":\"left\"},{\"after\":\"right\"}]");
    assertThat(step(run, "left").get("lane").asString()).isEqualTo("branch:0");
    assertThat(step(run, "right2").get("lane").asString()).isEqualTo("branch:1");
    assertThat(step(run, "right2").get("parent").asString()).isEqualTo("both");
  }

  @Test
  void cancelsTheOtherBranchWhenOneFailsAndCompensatesTheRun() {
    deploy(
        """
        name: it-parallel-fails
        steps:
          - id: pay
            function: payments.validate
            input: {orderId: p-1, amount: 10}
            compensate:
              function: payments.refund
              input: {paymentId: "${ steps.pay.output.paymentId }"}
          - id: both
            parallel:
              - name: slow
                steps:
                  - id: nap
                    function: demo.sleep
                    input: {millis: 3000}
              - name: stock
                steps:
                  - id: reserve
                    function: inventory.reserve
                    input: {items: [{sku: OOS-1, qty: 1}]}
        """);

    String runId = api.startRun("it-parallel-fails", "{}");

    JsonNode run = awaitStatus(runId, "COMPENSATED");
    assertThat(run.get("error").get("type").asString()).isEqualTo("OutOfStock");
    assertThat(step(run, "both").get("status").asString()).isEqualTo("FAILED");
    JsonNode nap = step(run, "nap");
    assertThat(nap.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(nap.get("attempts").get(0).get("status").asString()).isEqualTo("CANCELLED");
    JsonNode refund = step(run, "pay.compensate");
    assertThat(refund.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(refund.get("attempts").get(0).get("output").get("refundId").asString())
        .isEqualTo("ref-pay-p-1");
  }
}
