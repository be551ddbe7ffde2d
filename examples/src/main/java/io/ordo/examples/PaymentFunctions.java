package io.ordo.examples;

import io.ordo.worker.StepContext;
import io.ordo.worker.StepFailure;
import io.ordo.worker.protocol.ProtocolJson;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/** {@code payments.validate} and its compensation {@code payments.refund}. */
final class PaymentFunctions {

  /** Above this amount the card is declined, so the saga's failure path is one input away. */
  static final BigDecimal CARD_LIMIT = new BigDecimal(10_000);

  private PaymentFunctions() {}

  /**
   * {@code {orderId, amount}} → {@code {paymentId: "pay-<orderId>", amount}}; declines amounts over
   * the limit.
   */
  static JsonNode validate(StepContext context) {
    Input input = new Input(context.input());
    String orderId = input.text("orderId");
    JsonNode amount = input.number("amount");
    if (amount.decimalValue().compareTo(CARD_LIMIT) > 0) {
      throw StepFailure.nonRetryable(
          "CardDeclined",
          "the card was declined: " + amount + " is over the limit of " + CARD_LIMIT);
    }
    return ProtocolJson.mapper()
        .createObjectNode()
        .put("paymentId", "pay-" + orderId)
        .set("amount", amount);
  }

  /** {@code {paymentId}} → {@code {refundId: "ref-<paymentId>", paymentId}}. */
  static JsonNode refund(StepContext context) {
    String paymentId = new Input(context.input()).text("paymentId");
    return ProtocolJson.mapper()
        .createObjectNode()
        .put("refundId", "ref-" + paymentId)
        .put("paymentId", paymentId);
  }
}
