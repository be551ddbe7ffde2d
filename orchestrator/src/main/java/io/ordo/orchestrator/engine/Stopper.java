package io.ordo.orchestrator.engine;

import io.ordo.orchestrator.engine.StepExecution.Kind;
import java.util.function.Predicate;

/**
 * Cancels step executions that are still at work: their attempts end {@code CANCELLED}, their
 * timers are dropped, and the child runs they wait for are asked to stop.
 */
final class Stopper {

  /** Everything still at work in the run. */
  void cancelAll(Progress p) {
    cancelWhere(p, s -> true);
  }

  /** Everything still at work inside the execution {@code ancestorId} (not the ancestor itself). */
  void cancelInside(Progress p, String ancestorId) {
    cancelWhere(p, s -> p.isInside(s, ancestorId));
  }

  private void cancelWhere(Progress p, Predicate<StepExecution> which) {
    for (StepExecution step : p.snapshot()) {
      if (step.status().isInFlight() && which.test(step)) {
        cancel(p, step);
      }
    }
  }

  private static void cancel(Progress p, StepExecution step) {
    String id = step.stepId();
    switch (step.status()) {
      case ACTIVE -> {
        if (step.hasAttempts() && step.lastAttempt().status().isInFlight()) {
          int number = step.lastAttempt().number();
          Failure failure = new Failure(Failure.CANCELLED, "the run stopped", false, id);
          Attempt attempt =
              step.lastAttempt()
                  .ended(AttemptStatus.CANCELLED, failure, new Attempt.Report(null, null, p.now));
          step = step.withLastAttempt(attempt, StepStatus.ACTIVE);
          p.cancelTimer(TimerKey.attemptTimeout(id, number));
          if (step.type().equals("workflow") && step.kind() == Kind.FORWARD) {
            p.command(new Command.CancelChildRun(Attempts.childRunId(p.run().runId(), id, number)));
          }
        } else if (!step.hasAttempts()) {
          p.cancelTimer(TimerKey.stepTimeout(id));
          p.cancelTimer(TimerKey.waitOver(id));
        }
      }
      case BACKING_OFF -> p.cancelTimer(TimerKey.retry(id, step.lastAttempt().number() + 1));
      case RECOVERING, COMPLETED, RECOVERED, SKIPPED, FAILED, CANCELLED -> {}
    }
    p.put(step.withStatus(StepStatus.CANCELLED));
    p.record(
        "StepCancelled",
        "stepId",
        id,
        "attempt",
        step.hasAttempts() ? step.lastAttempt().number() : 0);
  }
}
