package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.ExpressionException;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.WorkflowStep;
import io.ordo.orchestrator.engine.RunState.Cause;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import io.ordo.orchestrator.engine.Transition.Ignored;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How a run ends: completing it, or stopping it and compensating what completed. The compensations
 * themselves are started by {@link Unwind}, along the workflow's structure.
 */
final class Saga {

  private final Engine engine;

  Saga(Engine engine) {
    this.engine = engine;
  }

  /** The run's steps are done; {@code override} is a {@code succeed} step's output. */
  void completeRun(Progress p, @Nullable JsonNode override) {
    JsonNode output = override;
    if (output == null && p.workflow.output() != null) {
      try {
        output = p.workflow.output().evaluate(p.bindings(null, null, ""));
      } catch (ExpressionException e) {
        stop(
            p,
            Cause.FAILURE,
            new Failure(ExpressionException.ERROR_TYPE, e.getMessage(), false, null));
        return;
      }
    }
    JsonNode result = output;
    p.update(r -> r.withOutput(result));
    p.status(RunStatus.COMPLETED);
    p.cancelTimer(TimerKey.RUN_TIMEOUT);
    p.record("RunCompleted");
    publishEnd(p);
  }

  void stop(Progress p, Cause cause, @Nullable Failure failure) {
    engine.stopper.cancelAll(p);
    p.update(r -> r.stopping(cause, failure));
    p.cancelTimer(TimerKey.RUN_TIMEOUT);
    if (!hasAnythingToUndo(p)) {
      end(p, cause == Cause.FAILURE ? RunStatus.FAILED : endOf(cause));
      return;
    }
    p.status(RunStatus.COMPENSATING);
    p.record("CompensationStarted", "cause", cause.name());
    continueCompensation(p);
  }

  /**
   * A child run is asked by its parent to undo itself: a completed one compensates, one whose
   * compensation gave up tries it again, and one with nothing left to undo says so at once. The
   * {@code requester} (the parent's compensation attempt) hears the end; null when the parent only
   * asked the child to stop (a cancel that found the child already completed) and waits for
   * nothing.
   */
  @Nullable Ignored compensateForParent(Progress p, @Nullable ParentLink requester) {
    RunStatus status = p.status();
    ParentLink parent = p.run().parent();
    if (parent == null || status == RunStatus.RUNNING || status == RunStatus.COMPENSATING) {
      return Ignored.NOT_ALLOWED;
    }
    p.record("CompensationRequested", "by", parent.runId());
    if (requester != null) {
      p.update(r -> r.compensatingFor(requester));
    }
    if (status == RunStatus.COMPENSATION_FAILED) {
      return engine.resume.retry(p);
    }
    if (status != RunStatus.COMPLETED || !hasAnythingToUndo(p)) {
      if (requester != null) {
        report(p, requester, true, null, null); // nothing of it is left to undo
      }
      return null;
    }
    p.update(r -> r.stopping(Cause.PARENT, null));
    p.status(RunStatus.COMPENSATING);
    p.record("CompensationStarted", "cause", Cause.PARENT.name());
    continueCompensation(p);
    return null;
  }

  /**
   * Starts the compensations that may run now and ends the run once everything is undone, or waits
   * in {@code COMPENSATION_FAILED} once a compensation gave up and nothing else can move.
   */
  void continueCompensation(Progress p) {
    if (p.unwinding || p.status() != RunStatus.COMPENSATING) {
      return; // the unwinding in progress sees what changed
    }
    p.unwinding = true;
    Unwind.State state;
    try {
      state = engine.unwind.run(p);
    } finally {
      p.unwinding = false;
    }
    switch (state) {
      case DONE -> end(p, endOf(p.run().cause()));
      case BUSY -> {}
      case STUCK -> compensationFailed(p);
    }
  }

  private void compensationFailed(Progress p) {
    p.status(RunStatus.COMPENSATION_FAILED);
    p.record("CompensationFailed");
    publishEnd(p);
  }

  /** Tells Kafka listeners, and a parent run waiting for this one, how the run ended. */
  void publishEnd(Progress p) {
    RunState s = p.run();
    p.command(
        new Command.PublishRunEnded(s.runId(), s.workflow(), s.status(), s.output(), s.error()));
    if (s.compensationFor() != null) {
      boolean undone = s.status() == RunStatus.COMPENSATED;
      report(p, s.compensationFor(), undone, null, undone ? null : s.error());
    } else if (s.parent() != null) {
      boolean completed = s.status() == RunStatus.COMPLETED;
      report(p, s.parent(), completed, completed ? s.output() : null, s.error());
    }
  }

  private static void report(
      Progress p,
      ParentLink to,
      boolean completed,
      @Nullable JsonNode output,
      @Nullable Failure error) {
    Failure failure = null;
    if (!completed) {
      String why = error == null ? "" : ": " + error.type() + ": " + error.message();
      failure =
          new Failure(
              error == null ? "ChildRun" + p.status() : error.type(),
              "child run " + p.run().runId() + " ended " + p.status() + why,
              false,
              null);
    }
    p.command(new Command.ReportToParent(to, completed, output, failure));
  }

  private void end(Progress p, RunStatus status) {
    p.status(status);
    p.record(
        "Run"
            + switch (status) {
              case FAILED -> "Failed";
              case COMPENSATED -> "Compensated";
              case CANCELLED -> "Cancelled";
              case TIMED_OUT -> "TimedOut";
              case RUNNING, COMPLETED, COMPENSATING, COMPENSATION_FAILED ->
                  throw new IllegalStateException("not an end: " + status);
            });
    publishEnd(p);
  }

  /** Where compensation ends, by why the run stopped. */
  private static RunStatus endOf(@Nullable Cause cause) {
    return switch (cause) {
      case null -> RunStatus.COMPENSATED;
      case FAILURE, PARENT -> RunStatus.COMPENSATED;
      case CANCEL -> RunStatus.CANCELLED;
      case TIMEOUT -> RunStatus.TIMED_OUT;
    };
  }

  /** Whether any step completed that declares how to undo it (or is a completed child run). */
  private static boolean hasAnythingToUndo(Progress p) {
    for (StepExecution step : p.steps()) {
      if (step.kind() == Kind.FORWARD
          && step.status() == StepStatus.COMPLETED
          && canBeUndone(p.definition(step))) {
        return true;
      }
    }
    return false;
  }

  static boolean canBeUndone(Step def) {
    return def.options().compensate() != null || def instanceof WorkflowStep;
  }
}
