package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@code order-with-approval} example, as the README walks through it. */
class OrderWithApprovalIT extends OrdoIT {

  private static String order(String orderId, int amount) {
    return """
        {"orderId": "%s", "amount": %d, "email": "cy@example.com",
         "items": [{"sku": "SKU-1", "qty": 1}, {"sku": "SKU-2", "qty": 3}]}"""
        .formatted(orderId, amount);
  }

  @Test
  void aSmallOrderReservesEachItemAndTellsEveryoneWithoutWaiting() {
    String runId = api.startRun("order-with-approval", order("a-1", 50));

    JsonNode run = awaitStatus(runId, "COMPLETED");

    assertThat(
            run.get("output")
                .get("reservations")
                .valueStream()
                .map(r -> r.get("reservationId").asString()))
        .containsExactly("res-a-1-SKU-1", "res-a-1-SKU-2");
    assertThat(step(run, "approval").get("status").asString()).isEqualTo("COMPLETED");
    assertThat(stepIds(run)).doesNotContain("awaitApproval");
  }

  @Test
  void aLargeOrderWaitsForItsApprovalSignal() {
    String runId = api.startRun("order-with-approval", order("a-2", 5000));
    awaitStep(runId, "awaitApproval", "ACTIVE");

    assertThat(api.post("/runs/" + runId + "/signals/approval", "{\"approved\": true}").status())
        .isEqualTo(202);

    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(step(run, "rejectUnapproved").get("status").asString()).isEqualTo("SKIPPED");
    assertThat(step(run, "emailCustomer").get("status").asString()).isEqualTo("COMPLETED");
  }

  @Test
  void aLargeOrderThatIsNotApprovedIsRefunded() {
    String runId = api.startRun("order-with-approval", order("a-3", 5000));
    awaitStep(runId, "awaitApproval", "ACTIVE");

    api.post("/runs/" + runId + "/signals/approval", "{\"approved\": false}");

    JsonNode run = awaitStatus(runId, "COMPENSATED");
    assertThat(run.get("error").get("type").asString()).isEqualTo("NotApproved");
    assertThat(step(run, "validatePayment.compensate").get("status").asString())
        .isEqualTo("COMPLETED");
  }
}
