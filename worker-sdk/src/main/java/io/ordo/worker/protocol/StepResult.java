package io.ordo.worker.protocol;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A worker reports on one attempt: it completed, it failed, or (while still running) it is alive.
 * Published to {@link Topics#RESULTS}, keyed by run id.
 *
 * @param output the step's output when {@link Status#COMPLETED}
 * @param error why it failed; present exactly when {@link Status#FAILED}
 * @param startedAt when the worker started the attempt
 * @param finishedAt when the worker finished it; absent on a heartbeat
 */
public record StepResult(
    String runId,
    String stepId,
    int attempt,
    Status status,
    @Nullable JsonNode output,
    @Nullable StepError error,
    @Nullable String workerId,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt) {

  /** What a result reports. */
  public enum Status {
    COMPLETED,
    FAILED,
    /** The attempt is still running; extends its deadline. */
    HEARTBEAT
  }

  public StepResult {
    Required.text(runId, "runId");
    Required.text(stepId, "stepId");
    Required.attempt(attempt);
    Objects.requireNonNull(status, "status is required");
    if ((status == Status.FAILED) != (error != null)) {
      throw new IllegalArgumentException(
          status == Status.FAILED
              ? "a FAILED result needs an error"
              : "a " + status + " result cannot carry an error");
    }
  }

  public static StepResult completed(
      StepDispatch dispatch,
      @Nullable JsonNode output,
      String workerId,
      Instant startedAt,
      Instant finishedAt) {
    return new StepResult(
        dispatch.runId(),
        dispatch.stepId(),
        dispatch.attempt(),
        Status.COMPLETED,
        output,
        null,
        workerId,
        startedAt,
        finishedAt);
  }

  public static StepResult failed(
      StepDispatch dispatch,
      StepError error,
      String workerId,
      Instant startedAt,
      Instant finishedAt) {
    return new StepResult(
        dispatch.runId(),
        dispatch.stepId(),
        dispatch.attempt(),
        Status.FAILED,
        null,
        error,
        workerId,
        startedAt,
        finishedAt);
  }

  public static StepResult heartbeat(StepDispatch dispatch, String workerId, Instant startedAt) {
    return new StepResult(
        dispatch.runId(),
        dispatch.stepId(),
        dispatch.attempt(),
        Status.HEARTBEAT,
        null,
        null,
        workerId,
        startedAt,
        null);
  }
}
