package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.ExpressionException;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.Compensation;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.RetryPolicy;
import io.ordo.dsl.model.Step;
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

  /** What one attempt of a step does: call a function, start a child run, or undo one. */
  private record Call(
      @Nullable String function,
      Template input,
      @Nullable Duration timeout,
      @Nullable WorkflowStep child,
      boolean undoChild) {}

  /**
   * Schedules attempt {@code number}. An input expression that fails fails the attempt at once,
   * without retry: it would fail the same way again.
   */
  void schedule(Progress p, StepExecution existing, int number, int budgetStart) {
    Call call = callOf(p, existing);
    Instant deadline = call.timeout() == null ? null : p.now.plus(call.timeout());
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
              runId + ":" + stepId + ":" + number));
    }
    if (deadline != null) {
      p.command(new Command.ScheduleTimer(TimerKey.attemptTimeout(stepId, number), deadline));
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
      p.command(new Command.ScheduleTimer(TimerKey.retry(step.stepId(), attempt + 1), next));
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
      engine.saga.compensationFailed(p, failure);
    } else {
      engine.flow.fail(p, step, failure);
    }
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

  /** The limit of one attempt of {@code step}, or null for none. */
  static @Nullable Duration timeoutOf(Progress p, StepExecution step) {
    return callOf(p, step).timeout();
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
        return new Call(undo.function(), undo.input(), undo.timeout(), null, false);
      }
      return new Call(null, Template.literal(Progress.JSON.nullNode()), null, null, true);
    }
    return switch (def) {
      case FunctionStep f -> new Call(f.function(), f.input(), f.timeout(), null, false);
      case WorkflowStep w -> new Call(null, w.input(), w.options().timeout(), w, false);
      default -> throw new IllegalStateException(def.id() + " has no attempts");
    };
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
