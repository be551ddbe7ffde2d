package io.ordo.examples;

import static io.ordo.examples.FakeStepContext.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordo.worker.StepFailure;
import org.junit.jupiter.api.Test;

class InventoryFunctionsTest {

  @Test
  void reservesUnderTheOrderId() {
    var output =
        InventoryFunctions.reserve(
            FakeStepContext.of(
                "{\"orderId\": \"o-7\", \"items\": [{\"sku\": \"BOOK-1\", \"qty\": 2}]}"));

    assertThat(output).isEqualTo(json("{\"reservationId\": \"res-o-7\"}"));
  }

  @Test
  void reservesUnderTheRunIdWhenTheInputHasNoOrderId() {
    var output =
        InventoryFunctions.reserve(
            FakeStepContext.of("{\"items\": [{\"sku\": \"BOOK-1\", \"qty\": 2}]}"));

    assertThat(output).isEqualTo(json("{\"reservationId\": \"res-run-1\"}"));
  }

  @Test
  void failsWithoutRetryingWhenAnItemIsOutOfStock() {
    var context =
        FakeStepContext.of(
            "{\"items\": [{\"sku\": \"BOOK-1\", \"qty\": 1}, {\"sku\": \"OOS-LAMP\", \"qty\": 1}]}");

    assertThatThrownBy(() -> InventoryFunctions.reserve(context))
        .isInstanceOfSatisfying(
            StepFailure.class,
            failure -> {
              assertThat(failure.type()).isEqualTo("OutOfStock");
              assertThat(failure)
                  .hasMessageContaining("OOS-LAMP")
                  .hasMessageNotContaining("BOOK-1");
              assertThat(failure.retryable()).isFalse();
            });
  }

  @Test
  void releasesAReservation() {
    var output = InventoryFunctions.release(FakeStepContext.of("{\"reservationId\": \"res-o-7\"}"));

    assertThat(output).isEqualTo(json("{\"released\": \"res-o-7\"}"));
  }
}
