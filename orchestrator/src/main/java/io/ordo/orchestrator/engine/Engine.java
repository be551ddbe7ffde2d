package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.ExpressionException;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.RetryPolicy;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.engine.RunEvent.CancelRequested;
import io.ordo.orchestrator.engine.RunEvent.RetryRequested;
import io.ordo.orchestrator.engine.RunEvent.StepCompleted;
import io.ordo.orchestrator.engine.RunEvent.StepFailed;
import io.ordo.orchestrator.engine.RunEvent.StepHeartbeat;
import io.ordo.orchestrator.engine.RunEvent.TimerFired;
import io.ordo.orchestrator.engine.RunState.Cause;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import io.ordo.orchestrator.engine.Transition.Ignored;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The transition function: {@code (run, workflow, event, now) → (run', commands)}. Deterministic:
 * the same arguments always give the same transition (retry jitter is derived from the attempt's
 * identity, not drawn from a random source).
 */
public final class Engine {

  private final Saga saga = new Saga(this);

  /** A new run of {@code workflow}, with its first step scheduled. */
  public Transition start(
      String runId, WorkflowDefinition workflow, int version, JsonNode input, Instant now) {
    RunState initial =
        new RunState(
            runId,
            workflow.name(),
            version,
            RunStatus.RUNNING,
            input,
            null,
            null,
            null,
            List.of(),
            List.of(),
            now,
            now,
            null);
    Progress p = new Progress(initial, workflow, now);
    p.record("RunStarted", "workflow", workflow.name(), "version", version);
    if (workflow.timeout() != null) {
      p.command(new Command.ScheduleTimer(TimerKey.RUN_TIMEOUT, now.plus(workflow.timeout())));
    }
    startForwardStep(p, workflow.steps().getFirst());
    return p.done();
  }

  public Transition apply(RunState run, WorkflowDefinition workflow, RunEvent event, Instant now) {
    Progress p = new Progress(run, workflow, now);
    Ignored ignored =
        switch (event) {
          case StepCompleted e -> onCompleted(p, e);
          case StepFailed e -> onFailed(p, e);
          case StepHeartbeat e -> onHeartbeat(p, e);
          case TimerFired e -> onTimer(p, e.timer());
          case CancelRequested e -> onCancel(p, e);
          case RetryRequested e -> onRetry(p);
        };
    return ignored == null ? p.done() : new Transition(run, List.of(), List.of(), ignored);
  }

  private @Nullable Ignored onCompleted(Progress p, StepCompleted e) {
    StepExecution step = inFlight(p.state(), e.stepId(), e.attempt());
    if (step == null) {
      return whyNotInFlight(p.state(), e.stepId(), e.attempt());
    }
    Attempt attempt = step.lastAttempt().completed(e.output(), e.report());
    p.put(step.completedWith(attempt, p.now));
    p.command(new Command.CancelTimer(TimerKey.attemptTimeout(e.stepId(), e.attempt())));
    p.record("StepCompleted", "stepId", e.stepId(), "attempt", e.attempt());
    if (step.kind() == Kind.COMPENSATION) {
      saga.continueCompensation(p);
    } else {
      advanceAfter(p, step.definitionId());
    }
    return null;
  }

  private @Nullable Ignored onFailed(Progress p, StepFailed e) {
    StepExecution step = inFlight(p.state(), e.stepId(), e.attempt());
    if (step == null) {
      return whyNotInFlight(p.state(), e.stepId(), e.attempt());
    }
    Failure failure = e.error().inStep(e.stepId());
    Attempt attempt = step.lastAttempt().ended(AttemptStatus.FAILED, failure, e.report());
    p.put(step.withLastAttempt(attempt, StepStatus.ACTIVE));
    p.command(new Command.CancelTimer(TimerKey.attemptTimeout(e.stepId(), e.attempt())));
    p.record(
        "StepFailed",
        "stepId",
        e.stepId(),
        "attempt",
        e.attempt(),
        "errorType",
        failure.type(),
        "message",
        failure.message());
    retryOrGiveUp(p, p.state().step(e.stepId()).orElseThrow(), failure);
    return null;
  }

  private @Nullable Ignored onHeartbeat(Progress p, StepHeartbeat e) {
    StepExecution step = inFlight(p.state(), e.stepId(), e.attempt());
    if (step == null) {
      return whyNotInFlight(p.state(), e.stepId(), e.attempt());
    }
    Attempt last = step.lastAttempt();
    Instant deadline = p.now.plus(timeoutOf(p, step));
    p.put(step.withLastAttempt(last.running(e.workerId(), p.now, deadline), StepStatus.ACTIVE));
    p.command(
        new Command.ScheduleTimer(TimerKey.attemptTimeout(e.stepId(), e.attempt()), deadline));
    if (last.status() == AttemptStatus.SCHEDULED) {
      p.record("StepStarted", "stepId", e.stepId(), "attempt", e.attempt());
    }
    return null;
  }

  private @Nullable Ignored onTimer(Progress p, TimerKey timer) {
    return switch (timer.kind()) {
      case ATTEMPT_TIMEOUT -> onAttemptTimeout(p, timer);
      case RETRY -> onRetryDue(p, timer);
      case RUN_TIMEOUT -> onRunTimeout(p);
    };
  }

  private @Nullable Ignored onAttemptTimeout(Progress p, TimerKey timer) {
    StepExecution step = inFlight(p.state(), timer.stepId(), timer.attempt());
    if (step == null) {
      return Ignored.STALE;
    }
    Duration timeout = timeoutOf(p, step);
    Failure failure =
        new Failure(
            Failure.TIMEOUT,
            "attempt " + timer.attempt() + " did not finish within " + timeout,
            true,
            step.stepId());
    Attempt attempt =
        step.lastAttempt()
            .ended(AttemptStatus.TIMED_OUT, failure, new Attempt.Report(null, null, p.now));
    p.put(step.withLastAttempt(attempt, StepStatus.ACTIVE));
    p.record("StepTimedOut", "stepId", step.stepId(), "attempt", timer.attempt());
    retryOrGiveUp(p, p.state().step(step.stepId()).orElseThrow(), failure);
    return null;
  }

  private @Nullable Ignored onRetryDue(Progress p, TimerKey timer) {
    StepExecution step = p.state().step(timer.stepId()).orElse(null);
    if (step == null
        || step.status() != StepStatus.BACKING_OFF
        || step.lastAttempt().number() != timer.attempt() - 1) {
      return Ignored.STALE;
    }
    scheduleOrFail(
        p, step, step.definitionId(), step.kind(), timer.attempt(), step.attemptsBefore());
    return null;
  }

  private @Nullable Ignored onRunTimeout(Progress p) {
    if (p.state().status() != RunStatus.RUNNING) {
      return Ignored.STALE;
    }
    Duration timeout = p.workflow.timeout();
    saga.stop(
        p,
        Cause.TIMEOUT,
        new Failure(
            Failure.RUN_TIMED_OUT, "the run did not finish within " + timeout, false, null));
    return null;
  }

  private @Nullable Ignored onCancel(Progress p, CancelRequested e) {
    if (p.state().status() != RunStatus.RUNNING) {
      return Ignored.NOT_ALLOWED;
    }
    p.record("CancelRequested", "reason", e.reason());
    saga.stop(p, Cause.CANCEL, new Failure(Failure.CANCELLED, e.reason(), false, null));
    return null;
  }

  private @Nullable Ignored onRetry(Progress p) {
    RunStatus status = p.state().status();
    Kind kind = status == RunStatus.FAILED ? Kind.FORWARD : Kind.COMPENSATION;
    StepExecution failed =
        p.state().steps().stream()
            .filter(s -> s.status() == StepStatus.FAILED && s.kind() == kind)
            .findFirst()
            .orElse(null);
    if (failed == null || (status != RunStatus.FAILED && status != RunStatus.COMPENSATION_FAILED)) {
      return Ignored.NOT_ALLOWED;
    }
    p.status(kind == Kind.FORWARD ? RunStatus.RUNNING : RunStatus.COMPENSATING);
    p.record("RetryRequested", "stepId", failed.stepId());
    if (kind == Kind.FORWARD) {
      p.update(p.state().resumed());
      if (p.workflow.timeout() != null) {
        p.command(
            new Command.ScheduleTimer(TimerKey.RUN_TIMEOUT, p.now.plus(p.workflow.timeout())));
      }
    }
    int last = failed.lastAttempt().number();
    scheduleOrFail(p, failed, failed.definitionId(), kind, last + 1, last);
    return null;
  }

  void startForwardStep(Progress p, Step step) {
    scheduleOrFail(p, null, step.id(), Kind.FORWARD, 1, 0);
  }

  void scheduleOrFail(
      Progress p,
      @Nullable StepExecution existing,
      String definitionId,
      Kind kind,
      int number,
      int budgetStart) {
    Failure failure = p.scheduleAttempt(existing, definitionId, kind, number, budgetStart);
    if (failure != null) {
      StepExecution step = p.state().step(failure.stepId()).orElseThrow();
      Attempt attempt =
          step.lastAttempt()
              .ended(AttemptStatus.FAILED, failure, new Attempt.Report(null, null, p.now));
      p.put(step.withLastAttempt(attempt, StepStatus.ACTIVE));
      p.record(
          "StepFailed",
          "stepId",
          step.stepId(),
          "attempt",
          number,
          "errorType",
          failure.type(),
          "message",
          failure.message());
      giveUp(p, p.state().step(step.stepId()).orElseThrow(), failure);
    }
  }

  private void advanceAfter(Progress p, String definitionId) {
    List<Step> steps = p.workflow.steps();
    int next = p.workflow.indexOf(definitionId) + 1;
    if (next < steps.size()) {
      startForwardStep(p, steps.get(next));
      return;
    }
    if (p.workflow.output() != null) {
      try {
        p.update(p.state().withOutput(p.workflow.output().evaluate(p.bindings())));
      } catch (ExpressionException e) {
        saga.stop(
            p,
            Cause.FAILURE,
            new Failure(ExpressionException.ERROR_TYPE, e.getMessage(), false, null));
        return;
      }
    }
    p.status(RunStatus.COMPLETED);
    p.command(new Command.CancelTimer(TimerKey.RUN_TIMEOUT));
    p.record("RunCompleted");
    saga.publishEnd(p);
  }

  private void retryOrGiveUp(Progress p, StepExecution step, Failure failure) {
    RetryPolicy policy = policyOf(p, step);
    int attempt = step.lastAttempt().number();
    if (failure.retryable()
        && policy.allowsAnotherAttemptAfter(step.attemptInBudget(), failure.type())) {
      Duration delay =
          policy.backoffAfter(step.attemptInBudget(), jitter(p, step.stepId(), attempt));
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
    p.put(step.withLastAttempt(step.lastAttempt(), StepStatus.FAILED));
    if (step.kind() == Kind.COMPENSATION) {
      saga.compensationFailed(p, failure);
    } else {
      saga.stop(p, Cause.FAILURE, failure);
    }
  }

  private static @Nullable StepExecution inFlight(
      RunState run, @Nullable String stepId, int attempt) {
    StepExecution step = stepId == null ? null : run.step(stepId).orElse(null);
    if (step == null
        || step.status() != StepStatus.ACTIVE
        || step.lastAttempt().number() != attempt
        || !step.lastAttempt().status().isInFlight()) {
      return null;
    }
    return step;
  }

  private static Ignored whyNotInFlight(RunState run, String stepId, int attempt) {
    boolean seen =
        run.step(stepId).stream()
            .flatMap(s -> s.attempts().stream())
            .anyMatch(
                a ->
                    a.number() == attempt
                        && (a.status() == AttemptStatus.COMPLETED
                            || a.status() == AttemptStatus.FAILED));
    return seen ? Ignored.DUPLICATE : Ignored.STALE;
  }

  private static RetryPolicy policyOf(Progress p, StepExecution step) {
    FunctionStep def = p.definition(step);
    return step.kind() == Kind.FORWARD ? def.retry() : def.compensate().retry();
  }

  private static Duration timeoutOf(Progress p, StepExecution step) {
    FunctionStep def = p.definition(step);
    return step.kind() == Kind.FORWARD ? def.timeout() : def.compensate().timeout();
  }

  /** A number in [0, 1) fixed by the attempt's identity, so that a replay backs off the same. */
  private static double jitter(Progress p, String stepId, int attempt) {
    int hash = (p.state().runId() + ":" + stepId + ":" + attempt).hashCode();
    return Math.floorMod(hash, 10_000) / 10_000.0;
  }
}
