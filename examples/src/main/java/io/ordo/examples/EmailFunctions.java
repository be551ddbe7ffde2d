package io.ordo.examples;

import io.ordo.worker.StepContext;
import io.ordo.worker.StepFailure;
import io.ordo.worker.protocol.ProtocolJson;
import tools.jackson.databind.JsonNode;

/** {@code email.send}. */
final class EmailFunctions {

  /** An address containing this fails its first attempt, so a retry is one input away. */
  static final String FLAKY_MARKER = "flaky";

  private EmailFunctions() {}

  /**
   * {@code {to, template}} → {@code {messageId}}. The message id depends on the run and step only,
   * as a real mail service keyed by the idempotency key would give the same message on a
   * redelivery.
   */
  static JsonNode send(StepContext context) {
    String to = new Input(context.input()).text("to");
    if (to.contains(FLAKY_MARKER) && context.attempt() == 1) {
      throw StepFailure.retryable(
          "MailServerUnavailable", "the mail server did not answer; try again");
    }
    return ProtocolJson.mapper()
        .createObjectNode()
        .put("messageId", "msg-" + context.runId() + "-" + context.stepId());
  }
}
