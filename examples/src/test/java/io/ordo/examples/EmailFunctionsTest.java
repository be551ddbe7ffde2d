package io.ordo.examples;

import static io.ordo.examples.FakeStepContext.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordo.worker.StepFailure;
import org.junit.jupiter.api.Test;

class EmailFunctionsTest {

  private static final String FLAKY =
      "{\"to\": \"flaky@example.com\", \"template\": \"order-confirmed\"}";

  @Test
  void sendsAnEmailWithAMessageIdForTheStep() {
    var output =
        EmailFunctions.send(
            FakeStepContext.of("{\"to\": \"ann@example.com\", \"template\": \"x\"}"));

    assertThat(output).isEqualTo(json("{\"messageId\": \"msg-run-1-step\"}"));
  }

  @Test
  void failsTheFirstAttemptToAFlakyAddressAsRetryable() {
    assertThatThrownBy(() -> EmailFunctions.send(FakeStepContext.attempt(1, FLAKY)))
        .isInstanceOfSatisfying(
            StepFailure.class,
            failure -> {
              assertThat(failure.type()).isEqualTo("MailServerUnavailable");
              assertThat(failure.retryable()).isTrue();
            });
  }

  @Test
  void sendsToAFlakyAddressOnTheSecondAttempt() {
    var output = EmailFunctions.send(FakeStepContext.attempt(2, FLAKY));

    assertThat(output.get("messageId").asString()).isEqualTo("msg-run-1-step");
  }
}
