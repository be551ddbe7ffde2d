package io.ordo.orchestrator.it;

/** The example order's inputs by the path they take, and the status each must end in. */
enum DrillOrders {
  OK("COMPLETED"),
  DECLINED("FAILED"),
  OUT_OF_STOCK("COMPENSATED"),
  FLAKY("COMPLETED");

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
