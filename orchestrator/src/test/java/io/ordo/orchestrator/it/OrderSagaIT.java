package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OrderSagaIT extends OrdoIT {

  @Test
  void takesPaymentReservesStockAndEmailsTheCustomer() {
    String runId =
        api.startRun("order-fulfillment", order("o-100", 42.5, "ann@example.com", "SKU-1"));

    JsonNode run = awaitStatus(runId, "COMPLETED");

    assertThat(run.get("output").get("paymentId").asString()).isEqualTo("pay-o-100");
    for (String stepId : new String[] {"validatePayment", "reserveInventory", "sendConfirmation"}) {
      JsonNode step = step(run, stepId);
      assertThat(step.get("status").asString()).isEqualTo("COMPLETED");
      assertThat(step.get("attempts")).hasSize(1);
      assertThat(step.get("attempts").get(0).get("workerId").asString()).isNotBlank();
    }
  }

  @Test
  void failsADeclinedCardWithNothingToCompensate() {
    String runId =
        api.startRun("order-fulfillment", order("o-101", 20_000, "bob@example.com", "SKU-1"));

    JsonNode run = awaitStatus(runId, "FAILED");

    assertThat(run.get("error").get("type").asString()).isEqualTo("CardDeclined");
    assertThat(run.get("steps")).hasSize(1);
    assertThat(step(run, "validatePayment").get("attempts")).hasSize(1);
  }

  @Test
  void refundsThePaymentExactlyOnceWhenStockRunsOut() {
    String runId = api.startRun("order-fulfillment", order("o-102", 99, "cy@example.com", "OOS-7"));

    JsonNode run = awaitStatus(runId, "COMPENSATED");

    assertThat(run.get("error").get("type").asString()).isEqualTo("OutOfStock");
    JsonNode refund = step(run, "validatePayment.compensate");
    assertThat(refund.get("function").asString()).isEqualTo("payments.refund");
    assertThat(refund.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(refund.get("attempts")).hasSize(1);
    JsonNode history = api.get("/runs/" + runId + "/events").body();
    assertThat(
            history
                .valueStream()
                .filter(e -> e.get("type").asString().equals("StepScheduled"))
                .filter(
                    e ->
                        e.get("data")
                            .get("stepId")
                            .asString()
                            .equals("validatePayment.compensate")))
        .hasSize(1);
  }

  @Test
  void retriesAFlakyEmailServerAndCompletes() {
    String runId =
        api.startRun("order-fulfillment", order("o-103", 10, "flaky@example.com", "SKU-1"));

    JsonNode run = awaitStatus(runId, "COMPLETED");

    JsonNode attempts = step(run, "sendConfirmation").get("attempts");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).get("status").asString()).isEqualTo("FAILED");
    assertThat(attempts.get(0).get("error").get("type").asString())
        .isEqualTo("MailServerUnavailable");
    assertThat(attempts.get(1).get("status").asString()).isEqualTo("COMPLETED");
  }

  @Test
  void retriesAnAttemptThatTimesOut() {
    api.deploy(
        """
        name: slow-once
        steps:
          - id: slow
            function: test.slow-first
            timeout: 500ms
            retry: {maxAttempts: 3, initialInterval: 100ms}
            input: {millis: 10000}
        """);
    String runId = api.startRun("slow-once", "{}");

    JsonNode run = awaitStatus(runId, "COMPLETED");

    JsonNode attempts = step(run, "slow").get("attempts");
    assertThat(attempts.get(0).get("status").asString()).isEqualTo("TIMED_OUT");
    assertThat(attempts.get(0).get("error").get("type").asString()).isEqualTo("Timeout");
    assertThat(attempts.get(attempts.size() - 1).get("status").asString()).isEqualTo("COMPLETED");
  }
}
