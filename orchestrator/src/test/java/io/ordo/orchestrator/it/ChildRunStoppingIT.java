package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A child run stops or undoes itself with its parent: cancelled, timed out, compensated. */
class ChildRunStoppingIT extends OrdoIT {

  @Test
  void cancelsTheChildRunWhenTheParentIsCancelled() {
    deploy(
        """
        name: it-child-sleeper
        steps:
          - id: nap
            function: test.sleep
            timeout: 5m
            input: {millis: 3000}
        """);
    deploy(
        """
        name: it-parent-of-sleeper
        steps:
          - id: child
            workflow: it-child-sleeper
        """);
    String runId = api.startRun("it-parent-of-sleeper", "{}");
    String childId = childrenOf(runId, 1).get(0).get("runId").asString();
    awaitStep(childId, "nap", "ACTIVE");

    assertThat(api.post("/runs/" + runId + "/cancel").status()).isEqualTo(202);

    JsonNode run = awaitStatus(runId, "CANCELLED");
    assertThat(step(run, "child").get("status").asString()).isEqualTo("CANCELLED");
    JsonNode child = awaitStatus(childId, "CANCELLED");
    assertThat(step(child, "nap").get("attempts").get(0).get("status").asString())
        .isEqualTo("CANCELLED");
  }

  @Test
  void compensatesACompletedChildRunWhenTheParentFailsAfterIt() {
    deploy(
        """
        name: it-child-payment
        steps:
          - id: pay
            function: payments.validate
            input: {orderId: "${ input.orderId }", amount: 10}
            compensate:
              function: payments.refund
              input: {paymentId: "${ steps.pay.output.paymentId }"}
        output: ${ steps.pay.output }
        """);
    deploy(
        """
        name: it-parent-of-payment
        steps:
          - id: payment
            workflow: it-child-payment
            input: {orderId: "${ input.orderId }"}
          - id: reserve
            function: inventory.reserve
            input: {items: [{sku: OOS-1, qty: 1}]}
        """);

    String runId = api.startRun("it-parent-of-payment", "{\"orderId\": \"k-1\"}");

    JsonNode run = awaitStatus(runId, "COMPENSATED");
    assertThat(run.get("error").get("type").asString()).isEqualTo("OutOfStock");
    JsonNode undo = step(run, "payment.compensate");
    assertThat(undo.get("status").asString()).isEqualTo("COMPLETED");
    String childId = childrenOf(runId, 1).get(0).get("runId").asString();
    JsonNode child = awaitStatus(childId, "COMPENSATED");
    JsonNode refund = step(child, "pay.compensate");
    assertThat(refund.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(refund.get("attempts").get(0).get("output").get("refundId").asString())
        .isEqualTo("ref-pay-k-1");
    assertThat(undo.get("attempts").get(0).get("workerId").asString()).isEqualTo("run:" + childId);
  }

  @Test
  void cancelsTheChildRunWhenTheParentTimesOut() {
    deploy(
        """
        name: it-child-sleeper-2
        steps:
          - id: nap
            function: test.sleep
            timeout: 1m
            input: {millis: 3000}
        """);
    deploy(
        """
        name: it-parent-times-out
        timeout: 1s
        steps:
          - id: child
            workflow: it-child-sleeper-2
        """);

    String runId = api.startRun("it-parent-times-out", "{}");

    awaitStatus(runId, "TIMED_OUT");
    awaitStatus(childrenOf(runId, 1).get(0).get("runId").asString(), "CANCELLED");
  }

  @Test
  void failsTheParentStepWhenAnOperatorCancelsTheChild() {
    deploy(
        """
        name: it-child-sleeper-3
        steps:
          - id: nap
            function: test.sleep
            timeout: 1m
            input: {millis: 3000}
        """);
    deploy(
        """
        name: it-parent-of-cancelled
        steps:
          - id: child
            workflow: it-child-sleeper-3
        """);
    String runId = api.startRun("it-parent-of-cancelled", "{}");
    String childId = childrenOf(runId, 1).get(0).get("runId").asString();

    assertThat(api.post("/runs/" + childId + "/cancel").status()).isEqualTo(202);

    JsonNode run = awaitStatus(runId, "FAILED");
    assertThat(run.get("error").get("type").asString()).isEqualTo("Cancelled");
    assertThat(run.get("error").get("message").asString()).contains(childId);
  }

  @Test
  void compensatesGrandchildrenThroughTheirParents() {
    deploy(
        """
        name: it-grandchild
        steps:
          - id: pay
            function: payments.validate
            input: {orderId: g-1, amount: 5}
            compensate:
              function: payments.refund
              input: {paymentId: "${ steps.pay.output.paymentId }"}
        """);
    deploy(
        """
        name: it-middle
        steps:
          - id: inner
            workflow: it-grandchild
        """);
    deploy(
        """
        name: it-top
        steps:
          - id: middle
            workflow: it-middle
          - id: boom
            fail: {error: Boom, message: too late}
        """);

    String runId = api.startRun("it-top", "{}");

    awaitStatus(runId, "COMPENSATED");
    String middle = childrenOf(runId, 1).get(0).get("runId").asString();
    awaitStatus(middle, "COMPENSATED");
    JsonNode grandchild =
        awaitStatus(childrenOf(middle, 1).get(0).get("runId").asString(), "COMPENSATED");
    assertThat(step(grandchild, "pay.compensate").get("status").asString()).isEqualTo("COMPLETED");
  }
}
