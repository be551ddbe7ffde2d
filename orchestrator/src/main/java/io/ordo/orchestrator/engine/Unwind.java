package io.ordo.orchestrator.engine;

import io.ordo.dsl.model.FailStep;
import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.ParallelStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepTree;
import io.ordo.dsl.model.StepTree.Block;
import io.ordo.dsl.model.StepTree.Lane;
import io.ordo.dsl.model.SucceedStep;
import io.ordo.dsl.model.SwitchStep;
import io.ordo.dsl.model.WaitForSignalStep;
import io.ordo.dsl.model.WaitStep;
import io.ordo.dsl.model.WorkflowStep;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import org.jspecify.annotations.Nullable;

/**
 * Undoes a stopped run along the structure of its workflow. Within a sequence of steps, a step is
 * undone only after every step after it (and everything nested in those) is undone; a step's own
 * compensation runs before what is nested in it, and a catch's steps are undone before the work
 * they recovered from. Branches of a {@code parallel} are undone at the same time, and so are the
 * iterations of a {@code forEach}, at most {@code maxConcurrency} at once, latest first.
 *
 * <p>Each call walks the run's executions, starts every compensation that may start now, and says
 * whether the run is undone, still busy, or stuck behind a compensation that gave up with nothing
 * else left to do.
 */
final class Unwind {

  enum State {
    DONE,
    BUSY,
    STUCK;

    State and(State other) {
      if (this == BUSY || other == BUSY) {
        return BUSY;
      }
      return this == STUCK || other == STUCK ? STUCK : DONE;
    }
  }

  /** Room for more iterations of a forEach to be undone at once; enclosing limits apply too. */
  private static final class Limit {
    private final @Nullable Limit outer;
    private int free;

    Limit(@Nullable Limit outer, int free) {
      this.outer = outer;
      this.free = free;
    }

    boolean take() {
      for (Limit l = this; l != null; l = l.outer) {
        if (l.free <= 0) {
          return false;
        }
      }
      for (Limit l = this; l != null; l = l.outer) {
        l.free--;
      }
      return true;
    }

    /** Whether this limit or an enclosing one has no room left. */
    boolean isFull() {
      for (Limit l = this; l != null; l = l.outer) {
        if (l.free <= 0) {
          return true;
        }
      }
      return false;
    }
  }

  private final Engine engine;

  Unwind(Engine engine) {
    this.engine = engine;
  }

  State run(Progress p) {
    return block(p, p.workflow.tree().block(null, Lane.TOP), "", null);
  }

  private State block(Progress p, Block block, String prefix, @Nullable Limit limit) {
    for (int i = block.steps().size() - 1; i >= 0; i--) {
      StepExecution step = p.step(prefix + block.steps().get(i).id());
      if (step == null) {
        continue;
      }
      State state = step(p, step, limit);
      if (state != State.DONE) {
        return state;
      }
    }
    return State.DONE;
  }

  private State step(Progress p, StepExecution step, @Nullable Limit limit) {
    Step def = p.definition(step);
    if (step.status() == StepStatus.COMPLETED && Saga.canBeUndone(def)) {
      State own = own(p, step, limit);
      if (own != State.DONE) {
        return own;
      }
    }
    return inside(p, step, def, limit);
  }

  /** The step's own compensation: started when there is room, then awaited. */
  private State own(Progress p, StepExecution forward, @Nullable Limit limit) {
    String id = forward.stepId() + StepExecution.COMPENSATION_SUFFIX;
    StepExecution undo = p.step(id);
    if (undo == null) {
      if (limit != null && !limit.take()) {
        return State.BUSY;
      }
      start(p, forward);
      undo = p.require(id);
    }
    return switch (undo.status()) {
      case COMPLETED -> State.DONE;
      case FAILED -> State.STUCK;
      case ACTIVE, BACKING_OFF -> State.BUSY;
      case RECOVERING, RECOVERED, SKIPPED, CANCELLED ->
          throw new IllegalStateException("compensation " + id + " is " + undo.status());
    };
  }

  private State inside(Progress p, StepExecution step, Step def, @Nullable Limit limit) {
    StepTree tree = p.workflow.tree();
    String prefix = Progress.prefixOf(step);
    for (int i = def.options().catches().size() - 1; i >= 0; i--) {
      State caught = block(p, tree.block(def.id(), Lane.of(Lane.Kind.CATCH, i)), prefix, limit);
      if (caught != State.DONE) {
        return caught;
      }
    }
    return switch (def) {
      case SwitchStep s -> {
        State all = block(p, tree.block(def.id(), Lane.DEFAULT), prefix, limit);
        for (int i = s.cases().size() - 1; i >= 0; i--) {
          all = all.and(block(p, tree.block(def.id(), Lane.of(Lane.Kind.CASE, i)), prefix, limit));
        }
        yield all;
      }
      case ParallelStep par -> {
        State all = State.DONE;
        for (int i = par.branches().size() - 1; i >= 0; i--) {
          Block branch = tree.block(def.id(), Lane.of(Lane.Kind.BRANCH, i));
          all = all.and(block(p, branch, prefix, limit));
        }
        yield all;
      }
      case ForEachStep each -> iterations(p, step, each, limit);
      case FunctionStep f -> State.DONE;
      case WorkflowStep w -> State.DONE;
      case WaitStep w -> State.DONE;
      case WaitForSignalStep w -> State.DONE;
      case FailStep f -> State.DONE;
      case SucceedStep s -> State.DONE;
    };
  }

  private State iterations(Progress p, StepExecution each, ForEachStep def, @Nullable Limit outer) {
    Limit limit = new Limit(outer, def.maxConcurrency() - compensationsInFlightInside(p, each));
    Block body = p.workflow.tree().block(def.id(), Lane.BODY);
    State all = State.DONE;
    int newlyUndone = 0;
    int undone = p.run().undone(each.stepId());
    for (int i = each.started() - 1 - undone; i >= 0; i--) {
      String prefix = Progress.prefixInside(each, Lane.of(Lane.Kind.BODY, i));
      State iteration = block(p, body, prefix, limit);
      if (iteration == State.DONE && all == State.DONE) {
        newlyUndone++; // undone for good, and every later iteration too: not walked again
      }
      all = all.and(iteration);
      if (all == State.BUSY && limit.isFull()) {
        // Every compensation started inside takes room from this limit: the earlier iterations can
        // start nothing now, and whatever they are, the forEach is still busy.
        break;
      }
    }
    if (newlyUndone > 0) {
      int total = undone + newlyUndone;
      p.update(r -> r.withUndone(each.stepId(), total));
    }
    return all;
  }

  private static int compensationsInFlightInside(Progress p, StepExecution ancestor) {
    int count = 0;
    for (StepExecution step : p.compensationsInFlight()) {
      if (p.isInside(step, ancestor.stepId())) {
        count++;
      }
    }
    return count;
  }

  private void start(Progress p, StepExecution forward) {
    Step def = p.definition(forward);
    String function =
        def.options().compensate() == null ? null : def.options().compensate().function();
    StepExecution undo =
        StepExecution.start(
            forward.stepId() + StepExecution.COMPENSATION_SUFFIX,
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
}
