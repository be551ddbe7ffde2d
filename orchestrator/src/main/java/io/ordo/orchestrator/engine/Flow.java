package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.ExpressionException;
import io.ordo.dsl.model.Catch;
import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.ParallelStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepTree.Block;
import io.ordo.dsl.model.StepTree.Lane;
import io.ordo.dsl.model.StepTree.Place;
import io.ordo.dsl.model.SucceedStep;
import io.ordo.dsl.model.SwitchStep;
import io.ordo.orchestrator.engine.RunState.Cause;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Moves a run through the structure of its workflow: what runs after a step succeeds, when a
 * branch, an iteration or a catch is done, and where a failure goes (a matching {@code catch}, else
 * the enclosing step, else the run).
 */
final class Flow {

  private final Engine engine;

  Flow(Engine engine) {
    this.engine = engine;
  }

  void startBlock(Progress p, Block block, String prefix, @Nullable String parent, Lane lane) {
    if (block.steps().isEmpty()) {
      blockFinished(p, block, prefix, parent, lane);
    } else {
      engine.starter.start(p, block.steps().getFirst(), prefix, parent, lane);
    }
  }

  /** A step without attempts of its own is done, with {@code output}; what follows it starts. */
  void complete(Progress p, StepExecution step, @Nullable JsonNode output) {
    StepExecution done = step.completed(StepStatus.COMPLETED, output, p.now);
    p.put(done);
    if (!step.hasAttempts()) {
      p.cancelTimer(TimerKey.stepTimeout(step.stepId()));
      p.record("StepCompleted", "stepId", step.stepId());
    }
    afterSuccess(p, done);
  }

  /** Starts the step after {@code step} in its block, or finishes the block. */
  void afterSuccess(Progress p, StepExecution step) {
    if (p.status() != RunStatus.RUNNING) {
      return;
    }
    Place place = place(p, step);
    Lane lane = Progress.laneOf(step);
    String prefix = Progress.prefixOf(step);
    int next = place.index() + 1;
    if (next < place.block().steps().size()) {
      engine.starter.start(p, place.block().steps().get(next), prefix, step.parent(), lane);
    } else {
      blockFinished(p, place.block(), prefix, step.parent(), lane);
    }
  }

  void blockFinished(Progress p, Block block, String prefix, @Nullable String parentId, Lane lane) {
    if (lane.kind() == Lane.Kind.TOP) {
      engine.saga.completeRun(p, null);
      return;
    }
    StepExecution parent = p.require(parentId);
    if (!parent.status().isInFlight()) {
      return;
    }
    switch (lane.kind()) {
      case CASE, DEFAULT -> complete(p, parent, blockOutput(p, block, prefix));
      case CATCH -> recovered(p, parent, blockOutput(p, block, prefix));
      case BRANCH -> branchFinished(p, parent.finishedOneMore());
      case BODY -> iterationFinished(p, parent.finishedOneMore());
      case TOP -> throw new IllegalStateException("handled above");
    }
  }

  private void recovered(Progress p, StepExecution step, @Nullable JsonNode output) {
    StepExecution done = step.completed(StepStatus.RECOVERED, output, p.now);
    p.put(done);
    p.record("StepRecovered", "stepId", step.stepId());
    afterSuccess(p, done);
  }

  private void branchFinished(Progress p, StepExecution parallel) {
    p.put(parallel);
    ParallelStep def = (ParallelStep) p.definition(parallel);
    if (parallel.finished() < def.branches().size()) {
      return;
    }
    ArrayNode outputs = Progress.JSON.arrayNode();
    for (int i = 0; i < def.branches().size(); i++) {
      Lane lane = Lane.of(Lane.Kind.BRANCH, i);
      Block block = p.workflow.tree().block(def.id(), lane);
      outputs.add(blockOutput(p, block, Progress.prefixInside(parallel, lane)));
    }
    complete(p, parallel, outputs);
  }

  private void iterationFinished(Progress p, StepExecution each) {
    p.put(each);
    fillIterations(p, each.stepId());
    StepExecution now = p.require(each.stepId());
    int count = now.items() == null ? 0 : now.items().size();
    if (now.status() != StepStatus.ACTIVE || now.finished() < count) {
      return;
    }
    ForEachStep def = (ForEachStep) p.definition(now);
    Block body = p.workflow.tree().block(def.id(), Lane.BODY);
    ArrayNode outputs = Progress.JSON.arrayNode();
    for (int i = 0; i < count; i++) {
      outputs.add(blockOutput(p, body, Progress.prefixInside(now, Lane.of(Lane.Kind.BODY, i))));
    }
    complete(p, now, outputs);
  }

  /** Starts iterations while there are items left and room under {@code maxConcurrency}. */
  void fillIterations(Progress p, String forEachId) {
    while (true) {
      StepExecution each = p.require(forEachId);
      ForEachStep def = (ForEachStep) p.definition(each);
      int count = each.items() == null ? 0 : each.items().size();
      if (each.status() != StepStatus.ACTIVE
          || each.started() >= count
          || each.started() - each.finished() >= def.maxConcurrency()) {
        return;
      }
      int index = each.started();
      p.put(each.startedOneMore());
      Lane lane = Lane.of(Lane.Kind.BODY, index);
      startBlock(
          p,
          p.workflow.tree().block(def.id(), Lane.BODY),
          Progress.prefixInside(each, lane),
          forEachId,
          lane);
    }
  }

  /** The output of a block: that of its last step that completed (null when none did). */
  static JsonNode blockOutput(Progress p, Block block, String prefix) {
    List<Step> steps = block.steps();
    for (int i = steps.size() - 1; i >= 0; i--) {
      StepExecution step = p.step(prefix + steps.get(i).id());
      if (step != null
          && (step.status() == StepStatus.COMPLETED || step.status() == StepStatus.RECOVERED)) {
        return step.output() == null ? Progress.JSON.nullNode() : step.output();
      }
    }
    return Progress.JSON.nullNode();
  }

  /**
   * The step failed for good (no attempts left, a branch failed, an expression broke, …): what it
   * started is cancelled, then a matching {@code catch} recovers it, else its failure goes up.
   */
  void fail(Progress p, StepExecution step, Failure failure) {
    engine.stopper.cancelInside(p, step.stepId());
    if (!step.hasAttempts()) {
      p.cancelTimer(TimerKey.stepTimeout(step.stepId()));
      if (step.type().equals("wait")) {
        p.cancelTimer(TimerKey.waitOver(step.stepId()));
      }
      p.record(
          "StepFailed",
          "stepId",
          step.stepId(),
          "errorType",
          failure.type(),
          "message",
          failure.message());
    }
    Step def = p.definition(step);
    Catch handler = def.options().catchFor(failure.type());
    if (handler != null) {
      int index = def.options().catches().indexOf(handler);
      p.put(step.failed(StepStatus.RECOVERING, failure));
      p.record(
          "StepCatching", "stepId", step.stepId(), "errorType", failure.type(), "catch", index);
      Lane lane = Lane.of(Lane.Kind.CATCH, index);
      startBlock(
          p, p.workflow.tree().block(def.id(), lane), Progress.prefixOf(step), step.stepId(), lane);
      return;
    }
    StepExecution failed = step.failed(StepStatus.FAILED, failure);
    p.put(failed);
    propagate(p, failed, failure);
  }

  private void propagate(Progress p, StepExecution step, Failure failure) {
    Lane lane = Progress.laneOf(step);
    switch (lane.kind()) {
      case TOP -> engine.saga.stop(p, Cause.FAILURE, failure);
      case CASE, DEFAULT, BRANCH, BODY -> fail(p, p.require(step.parent()), failure);
      case CATCH -> {
        StepExecution caught = p.require(step.parent()).failed(StepStatus.FAILED, failure);
        p.put(caught);
        propagate(p, caught, failure);
      }
    }
  }

  /**
   * A {@code succeed} step: the innermost parallel branch, iteration or the run ends here, and
   * successfully. The switches and catches in between complete with its output.
   */
  void succeed(Progress p, StepExecution step, SucceedStep def, JsonNode output) {
    StepExecution current = step.completed(StepStatus.COMPLETED, output, p.now);
    p.put(current);
    p.cancelTimer(TimerKey.stepTimeout(step.stepId()));
    p.record("StepCompleted", "stepId", step.stepId());
    while (true) {
      Lane lane = Progress.laneOf(current);
      switch (lane.kind()) {
        case TOP -> {
          engine.saga.completeRun(p, def.output() == null ? null : output);
          return;
        }
        case BRANCH, BODY -> {
          blockFinished(
              p, place(p, current).block(), Progress.prefixOf(current), current.parent(), lane);
          return;
        }
        case CASE, DEFAULT, CATCH -> {
          StepExecution parent = p.require(current.parent());
          StepStatus end =
              lane.kind() == Lane.Kind.CATCH ? StepStatus.RECOVERED : StepStatus.COMPLETED;
          current = parent.completed(end, output, p.now);
          p.put(current);
          p.cancelTimer(TimerKey.stepTimeout(parent.stepId()));
        }
      }
    }
  }

  /** Picks the first case whose {@code when} is true, else the default. */
  void chooseCase(Progress p, StepExecution step, SwitchStep def) {
    Lane chosen = Lane.DEFAULT;
    try {
      for (int i = 0; i < def.cases().size(); i++) {
        if (engine.starter.isTrue(p, step, def.cases().get(i).when(), "when")) {
          chosen = Lane.of(Lane.Kind.CASE, i);
          break;
        }
      }
    } catch (ExpressionException e) {
      fail(p, step, Starter.expressionFailure(e, step));
      return;
    }
    p.record("SwitchChose", "stepId", step.stepId(), "lane", chosen.toString());
    startBlock(
        p,
        p.workflow.tree().block(def.id(), chosen),
        Progress.prefixOf(step),
        step.stepId(),
        chosen);
  }

  private static Place place(Progress p, StepExecution step) {
    return p.workflow
        .tree()
        .place(step.definitionId())
        .orElseThrow(() -> new IllegalStateException("no step " + step.definitionId()));
  }
}
