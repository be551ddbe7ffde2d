package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

/** The example order's inputs by the path they take, and the status each must end in. */
enum DrillOrders {
  OK("COMPLETED"),
  DECLINED("FAILED"),
  OUT_OF_STOCK("COMPENSATED"),
  FLAKY("COMPLETED");

  /**
   * The example order with short step timeouts, for drills whose outages outlast them: a step's
   * timeout must not fire on a result Ordo could not see.
   */
  static final String QUICK_ORDER =
      """
      name: quick-order
      steps:
        - id: validatePayment
          function: payments.validate
          timeout: 5s
          input: {orderId: "${ input.orderId }", amount: "${ input.amount }"}
          compensate:
            function: payments.refund
            input: {paymentId: "${ steps.validatePayment.output.paymentId }"}
        - id: reserveInventory
          function: inventory.reserve
          timeout: 5s
          input: {orderId: "${ input.orderId }", items: "${ input.items }"}
        - id: sendConfirmation
          function: email.send
          timeout: 5s
          retry: {maxAttempts: 3, initialInterval: 200ms}
          input: {to: "${ input.email }"}
      """;

  private final String ends;

  DrillOrders(String ends) {
    this.ends = ends;
  }

  String input(String orderId) {
    return switch (this) {
      case OK -> OrdoIT.order(orderId, 10, "a@example.com", "SKU-1");
      case DECLINED -> OrdoIT.order(orderId, 50_000, "a@example.com", "SKU-1");
      case OUT_OF_STOCK -> OrdoIT.order(orderId, 10, "a@example.com", "OOS-1");
      case FLAKY -> OrdoIT.order(orderId, 10, "flaky@example.com", "SKU-1");
    };
  }

  /** The status a run of the order must end in. */
  String ends() {
    return ends;
  }

  /** Whether the payment must have been refunded. */
  boolean refunded() {
    return this == OUT_OF_STOCK;
  }

  /** The outage drills' mix of orders: half ordinary, a quarter out of stock, a quarter flaky. */
  static DrillOrders inTheOutageMix(int i) {
    DrillOrders[] kinds = {OK, OUT_OF_STOCK, FLAKY, OK};
    return kinds[i % kinds.length];
  }

  /** Whether a run in this status may still move by itself. */
  static boolean busy(String status) {
    return status.equals("RUNNING") || status.equals("COMPENSATING");
  }

  /** Each run that did not end as its order implies, with the status it ended in. */
  static Map<String, String> wrongEnds(OrdoApi api, Map<String, DrillOrders> kindOf) {
    Map<String, String> wrong = new HashMap<>();
    kindOf.forEach(
        (runId, kind) -> {
          String status = api.status(runId);
          if (!status.equals(kind.ends())) {
            wrong.put(runId + " (" + kind + ")", status);
          }
        });
    return wrong;
  }

  /**
   * The verdict of a drill on the quick order: every run ended as its input implies, each step kept
   * one idempotency key, and the worker charged once, refunded once where it must, and sent one
   * email where it must.
   */
  static void assertEachEndedAsItsInputImplies(
      OrdoApi api, Map<String, DrillOrders> kindOf, LedgerWorker worker) {
    assertThat(wrongEnds(api, kindOf))
        .as("orders that did not end as their input implies")
        .isEmpty();
    assertThat(worker.stepsWithSeveralKeys()).isEmpty();
    kindOf.forEach(
        (runId, kind) -> {
          boolean refunded = kind.refunded();
          assertThat(worker.sideEffects(runId, "payments.validate")).as(runId).isEqualTo(1);
          assertThat(worker.sideEffects(runId, "payments.refund"))
              .as(runId)
              .isEqualTo(refunded ? 1 : 0);
          assertThat(worker.sideEffects(runId, "email.send")).as(runId).isEqualTo(refunded ? 0 : 1);
        });
  }

  /** Whether the order gets as far as being charged. */
  boolean charged() {
    return this != DECLINED;
  }
}
