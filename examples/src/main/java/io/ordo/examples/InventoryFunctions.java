package io.ordo.examples;

import io.ordo.worker.StepContext;
import io.ordo.worker.StepFailure;
import io.ordo.worker.protocol.ProtocolJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code inventory.reserve} and its compensation {@code inventory.release}. */
final class InventoryFunctions {

  /**
   * A SKU with this prefix is out of stock, so a compensation (refund of the payment) is one input
   * away.
   */
  static final String OUT_OF_STOCK_PREFIX = "OOS-";

  private InventoryFunctions() {}

  /**
   * {@code {items, orderId?}} → {@code {reservationId: "res-<orderId or runId>"}}; fails on
   * out-of-stock SKUs.
   */
  static JsonNode reserve(StepContext context) {
    Input input = new Input(context.input());
    List<String> missing = outOfStock(input.array("items"));
    if (!missing.isEmpty()) {
      throw StepFailure.nonRetryable("OutOfStock", "out of stock: " + String.join(", ", missing));
    }
    String reference = input.has("orderId") ? input.text("orderId") : context.runId();
    return ProtocolJson.mapper().createObjectNode().put("reservationId", "res-" + reference);
  }

  /** {@code {reservationId}} → {@code {released: reservationId}}. */
  static JsonNode release(StepContext context) {
    String reservationId = new Input(context.input()).text("reservationId");
    return ProtocolJson.mapper().createObjectNode().put("released", reservationId);
  }

  private static List<String> outOfStock(JsonNode items) {
    List<String> skus = new ArrayList<>();
    for (JsonNode item : items) {
      String sku = new Input(item).text("sku");
      if (sku.startsWith(OUT_OF_STOCK_PREFIX)) {
        skus.add(sku);
      }
    }
    return skus;
  }
}
