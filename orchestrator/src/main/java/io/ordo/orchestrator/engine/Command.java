package io.ordo.orchestrator.engine;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Work the engine asks the adapters to do, in the same transaction as the new state. */
public sealed interface Command {

  /**
   * Send an attempt to the workers of {@code function}.
   *
   * @param deadline the latest time a worker may start it (its start timeout), or null for any time
   * @param timeout how long it may run once started (start-to-close), or null for no limit
   * @param idempotencyKey the same for every attempt of the step
   */
  record DispatchStep(
      String runId,
      String stepId,
      int attempt,
      String function,
      JsonNode input,
      @Nullable Instant deadline,
      @Nullable Duration timeout,
      String idempotencyKey)
      implements Command {}

  /** Tell listeners on Kafka that the run reached a status where it stays until someone acts. */
  record PublishRunEnded(
      String runId,
      String workflow,
      RunStatus status,
      @Nullable JsonNode output,
      @Nullable Failure error)
      implements Command {}

  /**
   * Start a child run (in the same transaction) that reports its end to {@code parent}. The version
   * is null for the workflow's latest. When the child cannot start (no such workflow, input that
   * breaks its schema), the parent's attempt fails with that reason.
   */
  record StartChildRun(
      String runId, String workflow, @Nullable Integer version, JsonNode input, ParentLink parent)
      implements Command {}

  /** Ask a child run to stop (its parent stopped or gave up waiting): it is cancelled. */
  record CancelChildRun(String runId) implements Command {}

  /** Ask a completed child run to compensate itself and report to {@code requester} when done. */
  record CompensateChildRun(String runId, ParentLink requester) implements Command {}

  /**
   * Tell a parent run how this run ended, as a step result for the attempt {@code to} names:
   * completed with {@code output}, or failed with {@code error}.
   */
  record ReportToParent(
      ParentLink to, boolean completed, @Nullable JsonNode output, @Nullable Failure error)
      implements Command {}
}
