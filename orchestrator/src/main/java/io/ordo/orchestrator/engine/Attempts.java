package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.ExpressionException;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.Compensation;
import io.ordo.dsl.model.FailStep;
import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.ParallelStep;
import io.ordo.dsl.model.RetryPolicy;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.SucceedStep;
import io.ordo.dsl.model.SwitchStep;
import io.ordo.dsl.model.WaitForSignalStep;
import io.ordo.dsl.model.WaitStep;
import io.ordo.dsl.model.WorkflowStep;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Attempts of the steps that have them: function calls, child runs and compensations. Schedules
 * them, and after a failed attempt backs off and tries again or gives up.
 */
final class Attempts {

  private final Engine engine;

  Attempts(Engine engine) {
    this.engine = engine;
  }

  /**
   * What one attempt of a step does: call a function, start a child run, or undo one.
   *
   * @param timeout start-to-close for a function call (from the worker's first heartbeat), the
   *     limit of a child run (from its start, which is at once)
   * @param startTimeout schedule-to-start for a function call: how long the dispatch may wait for a
   *     worker; null waits as long as it takes
   */
  private record Call(
      @Nullable String function,
      Template input,
      @Nullable Duration timeout,
      @Nullable Duration startTimeout,
      @Nullable WorkflowStep child,
      boolean undoChild) {}

  /**
   * Schedules attempt {@code number}. An input expression that fails fails the attempt at once,
   * without retry: it would fail the same way again.
   */
  void schedule(Progress p, StepExecution existing, int number, int budgetStart) {
    Call call = callOf(p, existing);
    Duration firstLimit = call.function() == null ? call.timeout() : call.startTimeout();
    Instant deadline = firstLimit == null ? null : p.now.plus(firstLimit);
    JsonNode input;
    Failure failure = null;
    try {
      input = call.input().evaluate(p.bindingsFor(existing));
    } catch (ExpressionException e) {
      input = Progress.JSON.nullNode();
      failure = Starter.expressionFailure(e, existing);
    }
    StepExecution step =
        existing.withNewAttempt(Attempt.scheduled(number, input, p.now, deadline), budgetStart);
    p.put(step);
    String stepId = step.stepId();
    if (failure != null) {
      Attempt failed =
          step.lastAttempt()
              .ended(AttemptStatus.FAILED, failure, new Attempt.Report(null, null, p.now));
      p.put(step.withLastAttempt(failed, StepStatus.ACTIVE));
      recordFailure(p, stepId, number, failure);
      giveUp(p, p.require(stepId), failure);
      return;
    }
    String runId = p.run().runId();
    ParentLink self = new ParentLink(runId, stepId, number);
    if (call.child() != null) {
      WorkflowStep child = call.child();
      p.command(
          new Command.StartChildRun(
              childRunId(runId, stepId, number), child.workflow(), child.version(), input, self));
    } else if (call.undoChild()) {
      p.command(new Command.CompensateChildRun(completedChildOf(p, step), self));
    } else {
      p.command(
          new Command.DispatchStep(
              runId,
              stepId,
              number,
              call.function(),
              input,
              deadline,
              call.timeout(),
              idempotencyKey(runId, stepId)));
    }
    if (deadline != null) {
      p.schedule(TimerKey.attemptTimeout(stepId, number), deadline);
    }
    p.record(
        "StepScheduled",
        "stepId",
        stepId,
        "attempt",
        number,
        "function",
        call.function() == null ? step.type() : call.function());
  }

  /** After a failed or timed-out attempt: back off and try again, or give up. */
  void retryOrGiveUp(Progress p, StepExecution step, Failure failure) {
    RetryPolicy policy = policyOf(p, step);
    int attempt = step.lastAttempt().number();
    if (failure.retryable()
        && policy.allowsAnotherAttemptAfter(step.attemptInBudget(), failure.type())) {
      Duration delay = policy.backoffAfter(step.attemptInBudget(), jitter(p, step, attempt));
      Instant next = p.now.plus(delay);
      p.put(step.backingOffUntil(next));
      p.schedule(TimerKey.retry(step.stepId(), attempt + 1), next);
      p.record(
          "StepRetryScheduled",
          "stepId",
          step.stepId(),
          "attempt",
          attempt + 1,
          "at",
          next.toString());
      return;
    }
    giveUp(p, step, failure);
  }

  private void giveUp(Progress p, StepExecution step, Failure failure) {
    if (step.kind() == Kind.COMPENSATION) {
      p.put(step.failed(StepStatus.FAILED, failure));
      p.record(
          "CompensationGaveUp",
          "stepId",
          step.stepId(),
          "errorType",
          failure.type(),
          "message",
          failure.message());
      engine.saga.continueCompensation(p);
    } else {
      engine.flow.fail(p, step, failure);
    }
  }

  /**
   * A success reported for an attempt that timed out, while its step still waits for another
   * attempt (backing off, or in flight): a slow success is not thrown away. The step completes with
   * it and the attempt that replaced it is cancelled; its dispatch carries the same idempotency
   * key, so a worker that runs it anyway does nothing twice. Not for child runs: a timed-out child
   * was asked to stop.
   *
   * @return false when the report is not such a late success
   */
  boolean completeLate(Progress p, RunEvent.StepCompleted e) {
    StepExecution step = p.step(e.stepId());
    if (step == null
        || !step.hasAttempts()
        || !(step.status() == StepStatus.ACTIVE || step.status() == StepStatus.BACKING_OFF)
        || step.type().equals("workflow") && step.kind() == Kind.FORWARD) {
      return false;
    }
    int index = step.attemptIndex(e.attempt());
    if (index < 0 || step.attempts().get(index).status() != AttemptStatus.TIMED_OUT) {
      return false;
    }
    Attempt last = step.lastAttempt();
    StepExecution superseded = step;
    if (step.status() == StepStatus.BACKING_OFF) {
      p.cancelTimer(TimerKey.retry(step.stepId(), last.number() + 1));
      superseded = step.withStatus(StepStatus.ACTIVE);
    } else if (last.status().isInFlight()) {
      Failure why =
          new Failure(
              Failure.CANCELLED,
              "attempt " + e.attempt() + " completed late; this one is no longer needed",
              false,
              step.stepId());
      superseded =
          step.withLastAttempt(
              last.ended(AttemptStatus.CANCELLED, why, new Attempt.Report(null, null, p.now)),
              StepStatus.ACTIVE);
      p.cancelTimer(TimerKey.attemptTimeout(step.stepId(), last.number()));
    }
    Attempt late = step.attempts().get(index).completed(e.output(), e.report());
    p.record("StepCompleted", "stepId", step.stepId(), "attempt", e.attempt(), "late", true);
    engine.finish(p, superseded.withAttempt(index, late), e.output());
    return true;
  }

  /**
   * What a function sees as the idempotency key of a step: the same for every attempt, so that a
   * function that dedupes on it does its side effect once however often the step is tried.
   */
  static String idempotencyKey(String runId, String stepId) {
    return runId + ":" + stepId;
  }

  static void recordFailure(Progress p, String stepId, int attempt, Failure failure) {
    p.record(
        "StepFailed",
        "stepId",
        stepId,
        "attempt",
        attempt,
        "errorType",
        failure.type(),
        "message",
        failure.message());
  }

  /** The limit of one attempt of {@code step} once started, or null for none. */
  static @Nullable Duration timeoutOf(Progress p, StepExecution step) {
    return callOf(p, step).timeout();
  }

  /** How long an attempt of {@code step} may wait for a worker to start it, or null for ever. */
  static @Nullable Duration startTimeoutOf(Progress p, StepExecution step) {
    return callOf(p, step).startTimeout();
  }

  /** The id of the child run that attempt {@code attempt} of step {@code stepId} starts. */
  static String childRunId(String runId, String stepId, int attempt) {
    String key = runId + ":" + stepId + ":" + attempt;
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String completedChildOf(Progress p, StepExecution compensation) {
    String forwardId =
        compensation
            .stepId()
            .substring(
                0, compensation.stepId().length() - StepExecution.COMPENSATION_SUFFIX.length());
    StepExecution forward = p.require(forwardId);
    return childRunId(p.run().runId(), forwardId, forward.lastAttempt().number());
  }

  private static Call callOf(Progress p, StepExecution step) {
    Step def = p.definition(step);
    if (step.kind() == Kind.COMPENSATION) {
      Compensation undo = def.options().compensate();
      if (undo != null) {
        return new Call(
            undo.function(), undo.input(), undo.timeout(), undo.startTimeout(), null, false);
      }
      return new Call(null, Template.literal(Progress.JSON.nullNode()), null, null, null, true);
    }
    return switch (def) {
      case FunctionStep f ->
          new Call(f.function(), f.input(), f.timeout(), f.startTimeout(), null, false);
      case WorkflowStep w -> new Call(null, w.input(), w.options().timeout(), null, w, false);
      case SwitchStep s -> throw noAttempts(def);
      case ParallelStep s -> throw noAttempts(def);
      case ForEachStep s -> throw noAttempts(def);
      case WaitStep s -> throw noAttempts(def);
      case WaitForSignalStep s -> throw noAttempts(def);
      case FailStep s -> throw noAttempts(def);
      case SucceedStep s -> throw noAttempts(def);
    };
  }

  private static IllegalStateException noAttempts(Step def) {
    return new IllegalStateException(def.id() + " makes no attempts");
  }

  private static RetryPolicy policyOf(Progress p, StepExecution step) {
    Step def = p.definition(step);
    Compensation undo = def.options().compensate();
    if (step.kind() == Kind.COMPENSATION) {
      return undo == null ? RetryPolicy.ONCE : undo.retry();
    }
    return def.options().retry();
  }

  /** A number in [0, 1) fixed by the attempt's identity, so that a replay backs off the same. */
  private static double jitter(Progress p, StepExecution step, int attempt) {
    int hash = (p.run().runId() + ":" + step.stepId() + ":" + attempt).hashCode();
    return Math.floorMod(hash, 10_000) / 10_000.0;
  }
}
