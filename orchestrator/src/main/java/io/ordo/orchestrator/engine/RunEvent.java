package io.ordo.orchestrator.engine;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Something that happened to a run. Time is not part of an event: it arrives as {@code now}. */
public sealed interface RunEvent {

  /** A worker reported an attempt's success. */
  record StepCompleted(String stepId, int attempt, JsonNode output, Attempt.Report report)
      implements RunEvent {}

  /**
   * A worker reported an attempt's failure; {@code error.retryable} says if trying again may help.
   */
  record StepFailed(String stepId, int attempt, Failure error, Attempt.Report report)
      implements RunEvent {}

  /**
   * A worker is busy with an attempt. The first heartbeat says the attempt started: its timeout
   * (start-to-close) runs from then; each later one moves the deadline forward by the timeout.
   */
  record StepHeartbeat(String stepId, int attempt, @Nullable String workerId) implements RunEvent {}

  /** One of the run's own durable timers came due. */
  record TimerFired(TimerKey timer) implements RunEvent {}

  /** An operator asked to stop the run; what completed is compensated. */
  record CancelRequested(String reason) implements RunEvent {}

  /**
   * Someone sent the run a signal: the step waiting for {@code name} takes {@code payload} as its
   * output, or the run keeps it until a step waits for it.
   */
  record SignalReceived(String name, JsonNode payload) implements RunEvent {}

  /** An operator asked to resume a failed run from the step (or compensation) that failed. */
  record RetryRequested() implements RunEvent {}

  /** The parent run stopped, or gave up waiting for this child run: the child stops too. */
  record StopRequestedByParent() implements RunEvent {}

  /**
   * The parent run is compensated and this child run completed: it undoes itself and reports to
   * {@code requester}, the parent's compensation attempt that waits for it.
   */
  record CompensationRequestedByParent(ParentLink requester) implements RunEvent {}
}
