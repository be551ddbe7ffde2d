package io.ordo.worker.protocol;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The orchestrator asks a worker to run one attempt of one step. Published to {@code
 * ordo.fn.<function>}, keyed by run id.
 *
 * @param input the step's input, any JSON value (JSON {@code null} included)
 * @param deadline when the orchestrator stops waiting for this attempt, unless heartbeats extend it
 * @param idempotencyKey {@code runId:stepId:attempt}; the same on every redelivery of this attempt
 */
public record StepDispatch(
    String runId,
    String stepId,
    int attempt,
    String function,
    JsonNode input,
    Instant deadline,
    String idempotencyKey) {

  public StepDispatch {
    Required.text(runId, "runId");
    Required.text(stepId, "stepId");
    Required.attempt(attempt);
    Required.text(function, "function");
    Objects.requireNonNull(input, "input is required");
    Objects.requireNonNull(deadline, "deadline is required");
    Required.text(idempotencyKey, "idempotencyKey");
  }

  /** A dispatch with the standard idempotency key. */
  public static StepDispatch of(
      String runId, String stepId, int attempt, String function, JsonNode input, Instant deadline) {
    return new StepDispatch(
        runId, stepId, attempt, function, input, deadline, idempotencyKey(runId, stepId, attempt));
  }

  public static String idempotencyKey(String runId, String stepId, int attempt) {
    return runId + ":" + stepId + ":" + attempt;
  }
}
