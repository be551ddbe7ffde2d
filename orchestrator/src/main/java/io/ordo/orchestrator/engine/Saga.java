package io.ordo.orchestrator.engine;

import io.ordo.orchestrator.engine.RunState.Cause;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import java.util.Comparator;
import java.util.List;

/**
 * Stopping a run and compensating it: completed steps that declare {@code compensate} are undone
 * one at a time, most recently completed first.
 */
final class Saga {

  private final Engine engine;

  Saga(Engine engine) {
    this.engine = engine;
  }

  void stop(Progress p, Cause cause, Failure failure) {
    cancelInFlight(p);
    p.update(p.state().stopping(cause, failure));
    p.command(new Command.CancelTimer(TimerKey.RUN_TIMEOUT));
    List<String> order = compensationOrder(p);
    if (order.isEmpty()) {
      end(p, cause == Cause.FAILURE ? RunStatus.FAILED : endOf(cause));
      return;
    }
    p.status(RunStatus.COMPENSATING);
    p.update(p.state().compensating(order));
    p.record("CompensationStarted", "steps", order, "cause", cause.name());
    engine.scheduleOrFail(p, null, order.getFirst(), Kind.COMPENSATION, 1, 0);
  }

  void continueCompensation(Progress p) {
    String next =
        p.state().compensationOrder().stream()
            .filter(
                id ->
                    p.state()
                        .step(id + StepExecution.COMPENSATION_SUFFIX)
                        .map(s -> s.status() != StepStatus.COMPLETED)
                        .orElse(true))
            .findFirst()
            .orElse(null);
    if (next == null) {
      end(p, endOf(p.state().cause()));
    } else {
      engine.scheduleOrFail(p, null, next, Kind.COMPENSATION, 1, 0);
    }
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

  void publishEnd(Progress p) {
    RunState s = p.state();
    p.command(
        new Command.PublishRunEnded(s.runId(), s.workflow(), s.status(), s.output(), s.error()));
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
  private static RunStatus endOf(Cause cause) {
    return switch (cause) {
      case FAILURE -> RunStatus.COMPENSATED;
      case CANCEL -> RunStatus.CANCELLED;
      case TIMEOUT -> RunStatus.TIMED_OUT;
    };
  }

  private static void cancelInFlight(Progress p) {
    Attempt.Report cancelled = new Attempt.Report(null, null, p.now);
    for (StepExecution step : p.state().steps()) {
      int number = step.lastAttempt().number();
      if (step.status() == StepStatus.ACTIVE) {
        Failure failure = new Failure(Failure.CANCELLED, "the run stopped", false, step.stepId());
        Attempt attempt = step.lastAttempt().ended(AttemptStatus.CANCELLED, failure, cancelled);
        p.put(step.withLastAttempt(attempt, StepStatus.CANCELLED));
        p.command(new Command.CancelTimer(TimerKey.attemptTimeout(step.stepId(), number)));
        p.record("StepCancelled", "stepId", step.stepId(), "attempt", number);
      } else if (step.status() == StepStatus.BACKING_OFF) {
        p.put(step.withLastAttempt(step.lastAttempt(), StepStatus.CANCELLED));
        p.command(new Command.CancelTimer(TimerKey.retry(step.stepId(), number + 1)));
        p.record("StepCancelled", "stepId", step.stepId(), "attempt", number);
      }
    }
  }

  private static List<String> compensationOrder(Progress p) {
    return p.state().steps().stream()
        .filter(s -> s.kind() == Kind.FORWARD && s.status() == StepStatus.COMPLETED)
        .filter(s -> p.definition(s).compensate() != null)
        .sorted(
            Comparator.comparing(
                    StepExecution::completedAt,
                    Comparator.nullsFirst(Comparator.<java.time.Instant>naturalOrder()))
                .thenComparing(s -> p.workflow.indexOf(s.definitionId()))
                .reversed())
        .map(StepExecution::definitionId)
        .toList();
  }
}
