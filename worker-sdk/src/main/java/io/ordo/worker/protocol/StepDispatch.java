package io.ordo.worker.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The orchestrator asks a worker to run one attempt of one step. Published to {@code
 * ordo.fn.<function>}, keyed by run id.
 *
 * @param input the step's input, any JSON value (JSON {@code null} included)
 * @param deadline the latest time a worker may start this attempt (the step's start timeout); a
 *     worker that receives it later skips it, since the orchestrator has given up on it. Absent
 *     when the attempt may start at any time
 * @param timeoutMs how long the attempt may run once a worker started it (start to close, in
 *     milliseconds), measured by the orchestrator from the attempt's first heartbeat; absent for no
 *     limit
 * @param idempotencyKey {@code runId:stepId}: the same for every attempt of the step and every
 *     delivery of each, so a function that dedupes on it does its side effect once
 */
public record StepDispatch(
    String runId,
    String stepId,
    int attempt,
    String function,
    JsonNode input,
    @Nullable Instant deadline,
    @Nullable Long timeoutMs,
    String idempotencyKey) {

  public StepDispatch {
    Required.text(runId, "runId");
    Required.text(stepId, "stepId");
    Required.attempt(attempt);
    Required.text(function, "function");
    Objects.requireNonNull(input, "input is required");
    if (timeoutMs != null && timeoutMs <= 0) {
      throw new IllegalArgumentException("timeoutMs must be positive, was " + timeoutMs);
    }
    Required.text(idempotencyKey, "idempotencyKey");
  }

  /** A dispatch with the standard idempotency key that may start at any time. */
  public static StepDispatch of(
      String runId,
      String stepId,
      int attempt,
      String function,
      JsonNode input,
      @Nullable Duration timeout) {
    return new StepDispatch(
        runId,
        stepId,
        attempt,
        function,
        input,
        null,
        timeout == null ? null : timeout.toMillis(),
        idempotencyKey(runId, stepId));
  }

  public static String idempotencyKey(String runId, String stepId) {
    return runId + ":" + stepId;
  }

  /** The start-to-close limit, or null for none. */
  public @Nullable Duration timeout() {
    return timeoutMs == null ? null : Duration.ofMillis(timeoutMs);
  }

  /** Whether the orchestrator has given up on this attempt starting by {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return deadline != null && now.isAfter(deadline);
  }
}
