package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.Bindings;
import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepTree.Lane;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One transition while the engine builds it: the run so far (its steps indexed by id), the commands
 * and the history. Also answers where a step execution sits: its prefix, its parent, what its
 * expressions see.
 */
final class Progress {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  final WorkflowDefinition workflow;
  final Instant now;
  private RunState run;
  private final LinkedHashMap<String, StepExecution> steps = new LinkedHashMap<>();
  private final List<Command> commands = new ArrayList<>();
  private final List<HistoryEntry> history = new ArrayList<>();

  Progress(RunState run, WorkflowDefinition workflow, Instant now) {
    this.run = run;
    this.workflow = workflow;
    this.now = now;
    run.steps().forEach(s -> steps.put(s.stepId(), s));
  }

  /** The run's own fields; its {@code steps} are as they were when the transition began. */
  RunState run() {
    return run;
  }

  RunStatus status() {
    return run.status();
  }

  void update(UnaryOperator<RunState> change) {
    run = change.apply(run);
  }

  void status(RunStatus next) {
    run = run.withStatus(next, now);
  }

  @Nullable StepExecution step(@Nullable String stepId) {
    return stepId == null ? null : steps.get(stepId);
  }

  StepExecution require(String stepId) {
    StepExecution step = steps.get(stepId);
    if (step == null) {
      throw new IllegalStateException("run " + run.runId() + " has no step " + stepId);
    }
    return step;
  }

  Collection<StepExecution> steps() {
    return steps.values();
  }

  /** Every step in start order, as a copy that may be iterated while steps change. */
  List<StepExecution> snapshot() {
    return List.copyOf(steps.values());
  }

  void put(StepExecution step) {
    steps.put(step.stepId(), step);
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
    RunState state = run.withSteps(new ArrayList<>(steps.values())).touched(now);
    return new Transition(state, commands, history, null);
  }

  Step definition(StepExecution step) {
    return definition(step.definitionId());
  }

  Step definition(String definitionId) {
    return workflow
        .step(definitionId)
        .orElseThrow(
            () -> new IllegalStateException("no step " + definitionId + " in " + workflow.name()));
  }

  /** The part of a step's id that places it in its iterations: {@code each[3].} or empty. */
  static String prefixOf(StepExecution step) {
    String id = step.stepId();
    if (step.kind() == Kind.COMPENSATION) {
      id = id.substring(0, id.length() - StepExecution.COMPENSATION_SUFFIX.length());
    }
    return id.substring(0, id.length() - step.definitionId().length());
  }

  static Lane laneOf(StepExecution step) {
    return step.lane() == null ? Lane.TOP : Lane.parse(step.lane());
  }

  /** The prefix of the steps in {@code lane} of {@code parent}. */
  static String prefixInside(StepExecution parent, Lane lane) {
    return lane.kind() == Lane.Kind.BODY
        ? parent.stepId() + "[" + lane.index() + "]."
        : prefixOf(parent);
  }

  /** Whether {@code step} is nested, at any depth, inside the execution {@code ancestorId}. */
  boolean isInside(StepExecution step, String ancestorId) {
    String parent = step.parent();
    while (parent != null) {
      if (parent.equals(ancestorId)) {
        return true;
      }
      StepExecution up = steps.get(parent);
      parent = up == null ? null : up.parent();
    }
    return false;
  }

  Bindings bindingsFor(StepExecution step) {
    return bindings(step.parent(), step.lane(), prefixOf(step));
  }

  /**
   * What expressions see in a block: the run's input; for each step of the workflow the output of
   * its execution in the innermost enclosing iteration that has one (null when it was skipped or
   * did not run; the parser lets expressions name only steps that are done by then); the items of
   * the enclosing {@code forEach} iterations under their {@code as} names; the {@code error} of the
   * enclosing {@code catch}.
   */
  Bindings bindings(@Nullable String parent, @Nullable String lane, String prefix) {
    List<String> scopes = enclosingPrefixes(prefix);
    Map<String, JsonNode> outputs = new HashMap<>();
    for (Step def : workflow.tree().all()) {
      JsonNode output = JSON.nullNode(); // a step that was skipped or not taken has a null output
      for (String scope : scopes) {
        StepExecution found = steps.get(scope + def.id());
        if (found != null && found.kind() == Kind.FORWARD && found.status().isSuccess()) {
          output = found.output() == null ? JSON.nullNode() : found.output();
          break;
        }
      }
      outputs.put(def.id(), output);
    }
    return new Bindings(run.input(), outputs, runVariable(), locals(parent, lane));
  }

  /** {@code a[1].b[2].}, {@code a[1].}, {@code ""}: innermost first. */
  private static List<String> enclosingPrefixes(String prefix) {
    List<String> scopes = new ArrayList<>();
    String current = prefix;
    scopes.add(current);
    while (!current.isEmpty()) {
      int end = current.substring(0, current.length() - 1).lastIndexOf("].");
      current = end < 0 ? "" : current.substring(0, end + 2);
      scopes.add(current);
    }
    return scopes;
  }

  private Map<String, JsonNode> locals(@Nullable String parentId, @Nullable String laneText) {
    Map<String, JsonNode> locals = new HashMap<>();
    String lane = laneText;
    StepExecution parent = step(parentId);
    while (parent != null && lane != null) {
      Lane kind = Lane.parse(lane);
      if (kind.kind() == Lane.Kind.BODY
          && definition(parent) instanceof ForEachStep each
          && parent.items() != null) {
        locals.putIfAbsent(each.as(), parent.items().get(kind.index()));
      } else if (kind.kind() == Lane.Kind.CATCH && parent.error() != null) {
        locals.putIfAbsent("error", errorVariable(parent.error()));
      }
      lane = parent.lane();
      parent = step(parent.parent());
    }
    return locals;
  }

  static ObjectNode errorVariable(Failure failure) {
    ObjectNode error = JSON.objectNode();
    error.put("type", failure.type());
    error.put("message", failure.message());
    error.put("stepId", failure.stepId());
    return error;
  }

  private ObjectNode runVariable() {
    ObjectNode variable = JSON.objectNode();
    variable.put("id", run.runId());
    variable.put("workflow", run.workflow());
    variable.put("version", run.version());
    variable.put("startedAt", run.startedAt().toString());
    return variable;
  }
}
