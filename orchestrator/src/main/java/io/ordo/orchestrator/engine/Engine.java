package io.ordo.orchestrator.engine;

import io.ordo.dsl.model.StepTree.Lane;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.engine.RunEvent.CancelRequested;
import io.ordo.orchestrator.engine.RunEvent.CompensationRequestedByParent;
import io.ordo.orchestrator.engine.RunEvent.RetryRequested;
import io.ordo.orchestrator.engine.RunEvent.SignalReceived;
import io.ordo.orchestrator.engine.RunEvent.StepCompleted;
import io.ordo.orchestrator.engine.RunEvent.StepFailed;
import io.ordo.orchestrator.engine.RunEvent.StepHeartbeat;
import io.ordo.orchestrator.engine.RunEvent.StopRequestedByParent;
import io.ordo.orchestrator.engine.RunEvent.TimerFired;
import io.ordo.orchestrator.engine.RunState.Cause;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import io.ordo.orchestrator.engine.Transition.Ignored;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The transition function: {@code (run, workflow, event, now) → (run', commands)}. Deterministic:
 * the same arguments always give the same transition (retry jitter and child run ids are derived
 * from the attempt's identity, not drawn from a random source).
 */
public final class Engine {

  final Starter starter = new Starter(this);
  final Flow flow = new Flow(this);
  final Attempts attempts = new Attempts(this);
  final Saga saga = new Saga(this);
  final Unwind unwind = new Unwind(this);
  final Signals signals = new Signals(this);
  final Stopper stopper = new Stopper();
  final Resume resume = new Resume(this);

  /** A new run of {@code workflow}, with its first step started. */
  public Transition start(
      String runId, WorkflowDefinition workflow, int version, JsonNode input, Instant now) {
    return start(runId, workflow, version, input, now, null);
  }

  /** A new run; a child run names the parent's step attempt that waits for it. */
  public Transition start(
      String runId,
      WorkflowDefinition workflow,
      int version,
      JsonNode input,
      Instant now,
      @Nullable ParentLink parent) {
    RunState initial = RunState.started(runId, workflow.name(), version, input, now, parent);
    Progress p = new Progress(initial, workflow, now);
    if (parent == null) {
      p.record("RunStarted", "workflow", workflow.name(), "version", version);
    } else {
      p.record(
          "RunStarted",
          "workflow",
          workflow.name(),
          "version",
          version,
          "parentRunId",
          parent.runId(),
          "parentStepId",
          parent.stepId());
    }
    if (workflow.timeout() != null) {
      p.schedule(TimerKey.RUN_TIMEOUT, now.plus(workflow.timeout()));
    }
    flow.startBlock(p, workflow.tree().block(null, Lane.TOP), "", null, Lane.TOP);
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
          case CancelRequested e -> onCancel(p, e.reason());
          case SignalReceived e -> signals.receive(p, e);
          case RetryRequested e -> resume.retry(p);
          case StopRequestedByParent e ->
              p.status() == RunStatus.COMPLETED
                  ? saga.compensateForParent(p, null) // it completed as the parent stopped
                  : onCancel(p, "the parent run stopped");
          case CompensationRequestedByParent e -> saga.compensateForParent(p, e.requester());
        };
    return ignored == null ? p.done() : Transition.ignored(run, ignored);
  }

  private @Nullable Ignored onCompleted(Progress p, StepCompleted e) {
    StepExecution step = inFlight(p, e.stepId(), e.attempt());
    if (step == null) {
      return attempts.completeLate(p, e) ? null : whyNotInFlight(p, e.stepId(), e.attempt());
    }
    Attempt attempt = step.lastAttempt().completed(e.output(), e.report());
    p.cancelTimer(TimerKey.attemptTimeout(e.stepId(), e.attempt()));
    p.record("StepCompleted", "stepId", e.stepId(), "attempt", e.attempt());
    finish(p, step.withLastAttempt(attempt, StepStatus.ACTIVE), e.output());
    return null;
  }

  /** An attempt of {@code ran} succeeded with {@code output}: the step is done. */
  void finish(Progress p, StepExecution ran, JsonNode output) {
    if (ran.kind() == Kind.COMPENSATION) {
      p.put(ran.completed(StepStatus.COMPLETED, output, p.now));
      saga.continueCompensation(p);
    } else {
      flow.complete(p, ran, output);
    }
  }

  private @Nullable Ignored onFailed(Progress p, StepFailed e) {
    StepExecution step = inFlight(p, e.stepId(), e.attempt());
    if (step == null) {
      return whyNotInFlight(p, e.stepId(), e.attempt());
    }
    Failure failure = e.error().inStep(e.stepId());
    Attempt attempt = step.lastAttempt().ended(AttemptStatus.FAILED, failure, e.report());
    p.put(step.withLastAttempt(attempt, StepStatus.ACTIVE));
    p.cancelTimer(TimerKey.attemptTimeout(e.stepId(), e.attempt()));
    Attempts.recordFailure(p, e.stepId(), e.attempt(), failure);
    attempts.retryOrGiveUp(p, p.require(e.stepId()), failure);
    return null;
  }

  /** Start-to-close runs from the first heartbeat; each heartbeat moves the deadline on. */
  private @Nullable Ignored onHeartbeat(Progress p, StepHeartbeat e) {
    StepExecution step = inFlight(p, e.stepId(), e.attempt());
    if (step == null) {
      return whyNotInFlight(p, e.stepId(), e.attempt());
    }
    Attempt last = step.lastAttempt();
    Duration timeout = Attempts.timeoutOf(p, step);
    Instant deadline = timeout == null ? null : p.now.plus(timeout);
    p.put(step.withLastAttempt(last.running(e.workerId(), p.now, deadline), StepStatus.ACTIVE));
    if (deadline != null) {
      p.schedule(TimerKey.attemptTimeout(e.stepId(), e.attempt()), deadline);
    }
    if (last.status() == AttemptStatus.SCHEDULED) {
      p.record("StepStarted", "stepId", e.stepId(), "attempt", e.attempt());
    }
    return null;
  }

  /** Fires one of the run's own timers, if it is set and due; otherwise the event is stale. */
  private @Nullable Ignored onTimer(Progress p, TimerKey timer) {
    Instant at = p.timer(timer);
    if (at == null || at.isAfter(p.now)) {
      return Ignored.STALE;
    }
    p.cancelTimer(timer);
    Ignored ignored =
        switch (timer.kind()) {
          case ATTEMPT_TIMEOUT -> onAttemptTimeout(p, timer);
          case RETRY -> onRetryDue(p, timer);
          case RUN_TIMEOUT -> onRunTimeout(p);
          case WAIT -> onWaitOver(p, timer);
          case STEP_TIMEOUT -> onStepTimeout(p, timer);
        };
    // A timer the run had moved past is still consumed: dropping it is the change.
    return ignored == Ignored.STALE ? null : ignored;
  }

  private @Nullable Ignored onAttemptTimeout(Progress p, TimerKey timer) {
    StepExecution step = inFlight(p, timer.stepId(), timer.attempt());
    if (step == null) {
      return Ignored.STALE;
    }
    Attempt last = step.lastAttempt();
    String why =
        last.status() == AttemptStatus.SCHEDULED
            ? "attempt %d was not started by a worker within %s"
                .formatted(timer.attempt(), Durations.human(Attempts.startTimeoutOf(p, step)))
            : "attempt %d did not finish within %s of starting"
                .formatted(timer.attempt(), Durations.human(Attempts.timeoutOf(p, step)));
    Failure failure = new Failure(Failure.TIMEOUT, why, true, step.stepId());
    Attempt attempt =
        last.ended(AttemptStatus.TIMED_OUT, failure, new Attempt.Report(null, null, p.now));
    p.put(step.withLastAttempt(attempt, StepStatus.ACTIVE));
    p.record("StepTimedOut", "stepId", step.stepId(), "attempt", timer.attempt());
    if (step.type().equals("workflow") && step.kind() == Kind.FORWARD) {
      p.command(
          new Command.CancelChildRun(
              Attempts.childRunId(p.run().runId(), step.stepId(), timer.attempt())));
    }
    attempts.retryOrGiveUp(p, p.require(step.stepId()), failure);
    return null;
  }

  private @Nullable Ignored onRetryDue(Progress p, TimerKey timer) {
    StepExecution step = p.step(timer.stepId());
    if (step == null
        || step.status() != StepStatus.BACKING_OFF
        || step.lastAttempt().number() != timer.attempt() - 1) {
      return Ignored.STALE;
    }
    attempts.schedule(p, step, timer.attempt(), step.attemptsBefore());
    return null;
  }

  private @Nullable Ignored onWaitOver(Progress p, TimerKey timer) {
    StepExecution step = p.step(timer.stepId());
    if (step == null || step.status() != StepStatus.ACTIVE || !step.type().equals("wait")) {
      return Ignored.STALE;
    }
    p.record("WaitOver", "stepId", step.stepId());
    flow.complete(p, step, null);
    return null;
  }

  private @Nullable Ignored onStepTimeout(Progress p, TimerKey timer) {
    StepExecution step = p.step(timer.stepId());
    if (step == null || step.status() != StepStatus.ACTIVE || step.hasAttempts()) {
      return Ignored.STALE;
    }
    Duration limit = p.definition(step).options().timeout();
    p.record("StepTimedOut", "stepId", step.stepId());
    flow.fail(
        p,
        step,
        new Failure(
            Failure.TIMEOUT,
            "step " + step.stepId() + " did not finish within " + Durations.human(limit),
            false,
            step.stepId()));
    return null;
  }

  private @Nullable Ignored onRunTimeout(Progress p) {
    if (p.status() != RunStatus.RUNNING) {
      return Ignored.STALE;
    }
    saga.stop(
        p,
        Cause.TIMEOUT,
        new Failure(
            Failure.RUN_TIMED_OUT,
            "the run did not finish within " + Durations.human(p.workflow.timeout()),
            false,
            null));
    return null;
  }

  private @Nullable Ignored onCancel(Progress p, String reason) {
    if (p.status() != RunStatus.RUNNING) {
      return Ignored.NOT_ALLOWED;
    }
    p.record("CancelRequested", "reason", reason);
    saga.stop(p, Cause.CANCEL, new Failure(Failure.CANCELLED, reason, false, null));
    return null;
  }

  static @Nullable StepExecution inFlight(Progress p, @Nullable String stepId, int attempt) {
    StepExecution step = p.step(stepId);
    if (step == null
        || step.status() != StepStatus.ACTIVE
        || !step.hasAttempts()
        || step.lastAttempt().number() != attempt
        || !step.lastAttempt().status().isInFlight()) {
      return null;
    }
    return step;
  }

  private static Ignored whyNotInFlight(Progress p, String stepId, int attempt) {
    StepExecution step = p.step(stepId);
    boolean seen =
        step != null
            && step.attempts().stream()
                .anyMatch(
                    a ->
                        a.number() == attempt
                            && (a.status() == AttemptStatus.COMPLETED
                                || a.status() == AttemptStatus.FAILED));
    return seen ? Ignored.DUPLICATE : Ignored.STALE;
  }
}
