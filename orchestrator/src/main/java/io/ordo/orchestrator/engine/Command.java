package io.ordo.orchestrator.engine;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Work the engine asks the adapters to do, in the same transaction as the new state. */
public sealed interface Command {

  /** Send an attempt to the workers of {@code function}. */
  record DispatchStep(
      String runId,
      String stepId,
      int attempt,
      String function,
      JsonNode input,
      Instant deadline,
      String idempotencyKey)
      implements Command {}

  /** Create the timer, or move it if it exists. */
  record ScheduleTimer(TimerKey timer, Instant fireAt) implements Command {}

  /** Drop a timer that is no longer needed (a stale one would be ignored anyway). */
  record CancelTimer(TimerKey timer) implements Command {}

  /** Tell listeners on Kafka that the run reached a status where it stays until someone acts. */
  record PublishRunEnded(
      String runId,
      String workflow,
      RunStatus status,
      @Nullable JsonNode output,
      @Nullable Failure error)
      implements Command {}
}
