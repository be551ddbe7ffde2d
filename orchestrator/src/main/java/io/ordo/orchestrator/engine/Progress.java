package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.Bindings;
import io.ordo.dsl.expr.ExpressionException;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** One transition while the engine builds it: the state so far, its commands and its history. */
final class Progress {

  final WorkflowDefinition workflow;
  final Instant now;
  private RunState state;
  private final List<Command> commands = new ArrayList<>();
  private final List<HistoryEntry> history = new ArrayList<>();

  Progress(RunState state, WorkflowDefinition workflow, Instant now) {
    this.state = state;
    this.workflow = workflow;
    this.now = now;
  }

  RunState state() {
    return state;
  }

  void update(RunState next) {
    state = next;
  }

  void put(StepExecution step) {
    state = state.withStep(step);
  }

  void status(RunStatus next) {
    state = state.withStatus(next, now);
  }

  void command(Command command) {
    commands.add(command);
  }

  void record(String type, Object... keysAndValues) {
    Map<String, Object> data = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      data.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    history.add(new HistoryEntry(type, data));
  }

  Transition done() {
    return new Transition(state.touched(now), commands, history, null);
  }

  FunctionStep definition(StepExecution step) {
    return (FunctionStep) workflow.step(step.definitionId()).orElseThrow();
  }

  /**
   * Schedules attempt {@code number} of a step, creating the step on its first attempt. An input
   * expression that fails fails the attempt at once, without retry: it would fail the same way.
   *
   * @return the failure when the input could not be computed, else null
   */
  @Nullable Failure scheduleAttempt(
      @Nullable StepExecution existing,
      String definitionId,
      Kind kind,
      int number,
      int budgetStart) {
    FunctionStep def = (FunctionStep) workflow.step(definitionId).orElseThrow();
    boolean forward = kind == Kind.FORWARD;
    String function = forward ? def.function() : def.compensate().function();
    Template template = forward ? def.input() : def.compensate().input();
    Duration timeout = forward ? def.timeout() : def.compensate().timeout();
    Instant deadline = now.plus(timeout);
    JsonNode input;
    Failure failure = null;
    try {
      input = template.evaluate(bindings());
    } catch (ExpressionException e) {
      input = JsonNodeFactory.instance.nullNode();
      failure = new Failure(ExpressionException.ERROR_TYPE, e.getMessage(), false, null);
    }
    Attempt attempt = Attempt.scheduled(number, input, now, deadline);
    StepExecution step =
        existing == null
            ? StepExecution.first(definitionId, kind, function, attempt)
            : existing.withNewAttempt(attempt, budgetStart);
    put(step);
    if (failure != null) {
      return failure.inStep(step.stepId());
    }
    String stepId = step.stepId();
    command(
        new Command.DispatchStep(
            state.runId(),
            stepId,
            number,
            function,
            input,
            deadline,
            state.runId() + ":" + stepId + ":" + number));
    command(new Command.ScheduleTimer(TimerKey.attemptTimeout(stepId, number), deadline));
    record("StepScheduled", "stepId", stepId, "attempt", number, "function", function);
    return null;
  }

  /** What expressions see: the run's input, the outputs of completed steps, and the run itself. */
  Bindings bindings() {
    Map<String, JsonNode> outputs = new HashMap<>();
    for (StepExecution step : state.steps()) {
      if (step.kind() == Kind.FORWARD && step.output() != null) {
        outputs.put(step.definitionId(), step.output());
      }
    }
    ObjectNode run = JsonNodeFactory.instance.objectNode();
    run.put("id", state.runId());
    run.put("workflow", state.workflow());
    run.put("version", state.version());
    run.put("startedAt", state.startedAt().toString());
    return new Bindings(state.input(), outputs, run);
  }
}
