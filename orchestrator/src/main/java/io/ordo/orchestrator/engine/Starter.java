package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.ExpressionException;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.FailStep;
import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.ParallelStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepTree.Lane;
import io.ordo.dsl.model.SucceedStep;
import io.ordo.dsl.model.SwitchStep;
import io.ordo.dsl.model.WaitForSignalStep;
import io.ordo.dsl.model.WaitStep;
import io.ordo.dsl.model.WorkflowStep;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Starts one step of a workflow, by its kind, after checking its {@code if}. */
final class Starter {

  private final Engine engine;

  Starter(Engine engine) {
    this.engine = engine;
  }

  void start(Progress p, Step def, String prefix, @Nullable String parent, Lane lane) {
    String laneText = lane.kind() == Lane.Kind.TOP ? null : lane.toString();
    String id = prefix + def.id();
    StepExecution step =
        StepExecution.start(
            id,
            def.id(),
            Kind.FORWARD,
            def.kind(),
            functionOf(def),
            parent,
            laneText,
            StepStatus.ACTIVE,
            p.now);
    p.put(step);
    Template condition = def.options().condition();
    if (condition != null) {
      boolean runs;
      try {
        runs = isTrue(p, step, condition, "if");
      } catch (ExpressionException e) {
        engine.flow.fail(p, step, expressionFailure(e, step));
        return;
      }
      if (!runs) {
        skip(p, step);
        return;
      }
    }
    Duration timeout = def.options().timeout();
    if (!StepKinds.hasAttempts(def) && timeout != null) {
      p.schedule(TimerKey.stepTimeout(id), p.now.plus(timeout));
    }
    if (!StepKinds.hasAttempts(def)) {
      p.record("StepStarted", "stepId", id, "type", step.type());
    }
    begin(p, step, def);
  }

  /** Does the work of a started step (also when an operator's retry resumes it). */
  void begin(Progress p, StepExecution step, Step def) {
    switch (def) {
      case FunctionStep f -> engine.attempts.schedule(p, step, 1, 0);
      case WorkflowStep w -> engine.attempts.schedule(p, step, 1, 0);
      case SwitchStep s -> engine.flow.chooseCase(p, step, s);
      case ParallelStep par -> startBranches(p, step, par);
      case ForEachStep each -> startIterations(p, step, each);
      case WaitStep w -> startWait(p, step, w);
      case WaitForSignalStep w -> engine.signals.await(p, step, w);
      case FailStep f -> failOnPurpose(p, step, f);
      case SucceedStep s -> succeed(p, step, s);
    }
  }

  private void skip(Progress p, StepExecution step) {
    StepExecution skipped =
        StepExecution.start(
            step.stepId(),
            step.definitionId(),
            Kind.FORWARD,
            step.type(),
            step.function(),
            step.parent(),
            step.lane(),
            StepStatus.SKIPPED,
            p.now);
    p.put(skipped);
    p.record("StepSkipped", "stepId", step.stepId());
    engine.flow.afterSuccess(p, skipped);
  }

  private void startBranches(Progress p, StepExecution step, ParallelStep def) {
    for (int i = 0; i < def.branches().size(); i++) {
      if (p.require(step.stepId()).status() != StepStatus.ACTIVE) {
        return; // a branch failed at once: the others are not started
      }
      Lane lane = Lane.of(Lane.Kind.BRANCH, i);
      engine.flow.startBlock(
          p, p.workflow.tree().block(def.id(), lane), Progress.prefixOf(step), step.stepId(), lane);
    }
  }

  private void startIterations(Progress p, StepExecution step, ForEachStep def) {
    JsonNode items;
    try {
      items = def.items().evaluate(p.bindingsFor(step));
    } catch (ExpressionException e) {
      engine.flow.fail(p, step, expressionFailure(e, step));
      return;
    }
    if (!items.isArray()) {
      engine.flow.fail(
          p,
          step,
          new Failure(
              ExpressionException.ERROR_TYPE,
              "forEach needs a list to iterate over, got " + describe(items),
              false,
              step.stepId()));
      return;
    }
    p.put(step.iterating(items, 0));
    p.record("ForEachStarted", "stepId", step.stepId(), "items", items.size());
    if (items.isEmpty()) {
      engine.flow.complete(p, p.require(step.stepId()), Progress.JSON.arrayNode());
      return;
    }
    engine.flow.fillIterations(p, step.stepId());
  }

  private void startWait(Progress p, StepExecution step, WaitStep def) {
    Instant until;
    try {
      until = def.duration() != null ? p.now.plus(def.duration()) : until(p, step, def.until());
    } catch (ExpressionException e) {
      engine.flow.fail(p, step, expressionFailure(e, step));
      return;
    }
    p.schedule(TimerKey.waitOver(step.stepId()), until);
    p.record("WaitStarted", "stepId", step.stepId(), "until", until.toString());
  }

  private static Instant until(Progress p, StepExecution step, @Nullable Template template) {
    if (template == null) {
      throw new IllegalStateException("a wait step has a duration or an until");
    }
    JsonNode value = template.evaluate(p.bindingsFor(step));
    try {
      return Instant.parse(value.asString());
    } catch (DateTimeParseException | UnsupportedOperationException e) {
      throw new ExpressionException(
          "wait until needs an RFC 3339 timestamp such as 2026-12-24T18:00:00Z, got "
              + describe(value));
    }
  }

  private void failOnPurpose(Progress p, StepExecution step, FailStep def) {
    String message;
    try {
      JsonNode value = def.message().evaluate(p.bindingsFor(step));
      message = value.isString() ? value.asString() : value.toString();
    } catch (ExpressionException e) {
      engine.flow.fail(p, step, expressionFailure(e, step));
      return;
    }
    engine.flow.fail(p, step, new Failure(def.error(), message, false, step.stepId()));
  }

  private void succeed(Progress p, StepExecution step, SucceedStep def) {
    JsonNode output;
    try {
      output =
          def.output() == null
              ? Progress.JSON.nullNode()
              : def.output().evaluate(p.bindingsFor(step));
    } catch (ExpressionException e) {
      engine.flow.fail(p, step, expressionFailure(e, step));
      return;
    }
    engine.flow.succeed(p, step, def, output);
  }

  boolean isTrue(Progress p, StepExecution step, Template condition, String what) {
    JsonNode value = condition.evaluate(p.bindingsFor(step));
    if (!value.isBoolean()) {
      throw new ExpressionException(what + " must be true or false, got " + describe(value));
    }
    return value.booleanValue();
  }

  static Failure expressionFailure(ExpressionException e, StepExecution step) {
    return new Failure(ExpressionException.ERROR_TYPE, e.getMessage(), false, step.stepId());
  }

  private static @Nullable String functionOf(Step def) {
    return def instanceof FunctionStep f ? f.function() : null;
  }

  private static String describe(JsonNode value) {
    String text = value.toString();
    String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return value.getNodeType().name().toLowerCase() + " " + shown;
  }
}
