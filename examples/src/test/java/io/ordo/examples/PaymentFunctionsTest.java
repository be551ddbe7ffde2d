package io.ordo.examples;

import static io.ordo.examples.FakeStepContext.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordo.worker.StepFailure;
import org.junit.jupiter.api.Test;

class PaymentFunctionsTest {

  @Test
  void validatesAPaymentUpToTheCardLimit() {
    var output =
        PaymentFunctions.validate(FakeStepContext.of("{\"orderId\": \"o-7\", \"amount\": 10000}"));

    assertThat(output).isEqualTo(json("{\"paymentId\": \"pay-o-7\", \"amount\": 10000}"));
  }

  @Test
  void declinesAnAmountOverTheCardLimitWithoutRetrying() {
    assertThatThrownBy(
            () ->
                PaymentFunctions.validate(
                    FakeStepContext.of("{\"orderId\": \"o-7\", \"amount\": 10000.01}")))
        .isInstanceOfSatisfying(
            StepFailure.class,
            failure -> {
              assertThat(failure.type()).isEqualTo("CardDeclined");
              assertThat(failure.retryable()).isFalse();
            });
  }

  @Test
  void rejectsAPaymentWithoutAnAmountAsInvalidInput() {
    assertThatThrownBy(
            () -> PaymentFunctions.validate(FakeStepContext.of("{\"orderId\": \"o-7\"}")))
        .isInstanceOfSatisfying(
            StepFailure.class,
            failure -> {
              assertThat(failure.type()).isEqualTo("InvalidInput");
              assertThat(failure).hasMessageContaining("amount");
              assertThat(failure.retryable()).isFalse();
            });
  }

  @Test
  void refundsAPayment() {
    var output = PaymentFunctions.refund(FakeStepContext.of("{\"paymentId\": \"pay-o-7\"}"));

    assertThat(output)
        .isEqualTo(json("{\"refundId\": \"ref-pay-o-7\", \"paymentId\": \"pay-o-7\"}"));
  }
}
