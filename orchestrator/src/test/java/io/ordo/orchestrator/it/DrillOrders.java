package io.ordo.orchestrator.it;

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

  /** Whether the order gets as far as being charged. */
  boolean charged() {
    return this != DECLINED;
  }
}
