package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.ExpressionException;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.WorkflowStep;
import io.ordo.orchestrator.engine.RunState.Cause;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import io.ordo.orchestrator.engine.Transition.Ignored;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How a run ends: completing it, or stopping it and compensating it. Completed steps that declare
 * {@code compensate} (and completed child runs) are undone one at a time, most recently completed
 * first, wherever they are nested.
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
    p.command(new Command.CancelTimer(TimerKey.RUN_TIMEOUT));
    p.record("RunCompleted");
    publishEnd(p);
  }

  void stop(Progress p, Cause cause, @Nullable Failure failure) {
    engine.stopper.cancelAll(p);
    p.update(r -> r.stopping(cause, failure));
    p.command(new Command.CancelTimer(TimerKey.RUN_TIMEOUT));
    List<String> order = compensationOrder(p);
    if (order.isEmpty()) {
      end(p, cause == Cause.FAILURE ? RunStatus.FAILED : endOf(cause));
      return;
    }
    p.status(RunStatus.COMPENSATING);
    p.update(r -> r.compensating(order));
    p.record("CompensationStarted", "steps", order, "cause", cause.name());
    startCompensation(p, order.getFirst());
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
    List<String> order = status == RunStatus.COMPLETED ? compensationOrder(p) : List.of();
    if (order.isEmpty()) {
      if (requester != null) {
        report(p, requester, true, null, null); // nothing of it is left to undo
      }
      return null;
    }
    p.update(r -> r.stopping(Cause.PARENT, null).compensating(order));
    p.status(RunStatus.COMPENSATING);
    p.record("CompensationStarted", "steps", order, "cause", Cause.PARENT.name());
    startCompensation(p, order.getFirst());
    return null;
  }

  void continueCompensation(Progress p) {
    String next =
        p.run().compensationOrder().stream()
            .filter(
                id -> {
                  StepExecution undo = p.step(id + StepExecution.COMPENSATION_SUFFIX);
                  return undo == null || undo.status() != StepStatus.COMPLETED;
                })
            .findFirst()
            .orElse(null);
    if (next == null) {
      end(p, endOf(p.run().cause()));
    } else {
      startCompensation(p, next);
    }
  }

  private void startCompensation(Progress p, String forwardId) {
    StepExecution forward = p.require(forwardId);
    Step def = p.definition(forward);
    String function =
        def.options().compensate() == null ? null : def.options().compensate().function();
    StepExecution undo =
        StepExecution.start(
            forwardId + StepExecution.COMPENSATION_SUFFIX,
            forward.definitionId(),
            Kind.COMPENSATION,
            forward.type(),
            function,
            forward.parent(),
            forward.lane(),
            StepStatus.ACTIVE,
            p.now);
    p.put(undo);
    engine.attempts.schedule(p, undo, 1, 0);
  }

  void compensationFailed(Progress p, Failure failure) {
    p.status(RunStatus.COMPENSATION_FAILED);
    p.record(
        "CompensationFailed",
        "stepId",
        failure.stepId(),
        "errorType",
        failure.type(),
        "message",
        failure.message());
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
              default -> throw new IllegalStateException("not an end: " + status);
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

  /** Completed steps that can be undone, most recently completed first. */
  private static List<String> compensationOrder(Progress p) {
    List<StepExecution> done = new ArrayList<>();
    for (StepExecution step : p.steps()) {
      if (step.kind() == Kind.FORWARD
          && step.status() == StepStatus.COMPLETED
          && canBeUndone(p.definition(step))) {
        done.add(step);
      }
    }
    // Latest started first, then a stable sort by completion keeps that order among equal times.
    Collections.reverse(done);
    done.sort(
        Comparator.comparing(
            StepExecution::completedAt,
            Comparator.nullsLast(Comparator.<Instant>naturalOrder().reversed())));
    return done.stream().map(StepExecution::stepId).toList();
  }

  private static boolean canBeUndone(Step def) {
    return def.options().compensate() != null || def instanceof WorkflowStep;
  }
}
