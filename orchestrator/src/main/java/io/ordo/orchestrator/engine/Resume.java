package io.ordo.orchestrator.engine;

import io.ordo.dsl.model.StepTree.Lane;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import io.ordo.orchestrator.engine.Transition.Ignored;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An operator's retry. A {@code FAILED} run resumes where it failed: the step that gave up, the
 * steps enclosing it, and what its failure cancelled go back to work, each from its last attempt. A
 * {@code COMPENSATION_FAILED} run tries the compensation that gave up again.
 */
final class Resume {

  private final Engine engine;

  Resume(Engine engine) {
    this.engine = engine;
  }

  @Nullable Ignored retry(Progress p) {
    return switch (p.status()) {
      case FAILED -> resumeForward(p);
      case COMPENSATION_FAILED -> resumeCompensation(p);
      case RUNNING, COMPLETED, COMPENSATING, COMPENSATED, CANCELLED, TIMED_OUT ->
          Ignored.NOT_ALLOWED;
    };
  }

  private @Nullable Ignored resumeForward(Progress p) {
    Failure error = p.run().error();
    StepExecution failed = error == null ? null : p.step(error.stepId());
    if (failed == null || failed.status() != StepStatus.FAILED) {
      return Ignored.NOT_ALLOWED;
    }
    StepExecution root = failed;
    while (root.parent() != null) {
      root = p.require(root.parent());
    }
    p.status(RunStatus.RUNNING);
    p.record("RetryRequested", "stepId", failed.stepId());
    p.update(RunState::resumed);
    if (p.workflow.timeout() != null) {
      p.schedule(TimerKey.RUN_TIMEOUT, p.now.plus(p.workflow.timeout()));
    }
    List<StepExecution> restart = new ArrayList<>();
    String rootId = root.stepId();
    for (StepExecution step : p.snapshot()) {
      boolean affected = step.stepId().equals(rootId) || p.isInside(step, rootId);
      StepStatus status = step.status();
      if (!affected || step.kind() != Kind.FORWARD) {
        continue;
      }
      if (status == StepStatus.FAILED || status == StepStatus.CANCELLED) {
        boolean catching = hasCatchRunning(p, step);
        p.put(step.resumed(catching ? StepStatus.RECOVERING : StepStatus.ACTIVE));
        if (!catching && StepKinds.isLeaf(p.definition(step))) {
          restart.add(step);
        }
      }
    }
    for (StepExecution step : restart) {
      StepExecution now = p.require(step.stepId());
      if (p.status() != RunStatus.RUNNING || now.status() != StepStatus.ACTIVE) {
        continue;
      }
      if (now.hasAttempts()) {
        int last = now.lastAttempt().number();
        engine.attempts.schedule(p, now, last + 1, last);
      } else {
        engine.starter.begin(p, now, p.definition(now));
      }
    }
    return null;
  }

  /** Every compensation that gave up is tried again; the undoing goes on from there. */
  private @Nullable Ignored resumeCompensation(Progress p) {
    List<StepExecution> failed =
        p.steps().stream()
            .filter(s -> s.status() == StepStatus.FAILED && s.kind() == Kind.COMPENSATION)
            .toList();
    if (failed.isEmpty()) {
      return Ignored.NOT_ALLOWED;
    }
    p.status(RunStatus.COMPENSATING);
    p.unwinding = true; // one that fails again at once must not end the run before the others start
    for (StepExecution step : failed) {
      p.record("RetryRequested", "stepId", step.stepId());
      int last = step.lastAttempt().number();
      p.put(step.resumed(StepStatus.ACTIVE));
      engine.attempts.schedule(p, p.require(step.stepId()), last + 1, last);
    }
    p.unwinding = false;
    engine.saga.continueCompensation(p);
    return null;
  }

  /** A step that failed and whose {@code catch} had started: it resumes the catch, not itself. */
  private static boolean hasCatchRunning(Progress p, StepExecution step) {
    return p.steps().stream()
        .anyMatch(
            s -> step.stepId().equals(s.parent()) && Progress.laneOf(s).kind() == Lane.Kind.CATCH);
  }
}
