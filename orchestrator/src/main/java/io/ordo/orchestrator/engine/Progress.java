package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.Bindings;
import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepTree.Lane;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.engine.StepExecution.Kind;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
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
  private final RunState before;
  private RunState run;
  private final LinkedHashMap<String, StepExecution> steps;
  private final Map<String, StepExecution> original = new HashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();
  private final Set<String> compensationsInFlight = new LinkedHashSet<>();
  private final Map<String, Instant> timers;
  private final List<Command> commands = new ArrayList<>();
  private final List<HistoryEntry> history = new ArrayList<>();

  /**
   * Set while compensations are being started, so a compensation failing at once re-enters no one.
   */
  boolean unwinding;

  Progress(RunState run, WorkflowDefinition workflow, Instant now) {
    this.before = run;
    this.run = run;
    this.workflow = workflow;
    this.now = now;
    this.timers = new HashMap<>(run.timers());
    this.steps = LinkedHashMap.newLinkedHashMap(run.steps().size() + 16);
    for (StepExecution step : run.steps()) {
      steps.put(step.stepId(), step);
      if (isCompensationInFlight(step)) {
        compensationsInFlight.add(step.stepId());
      }
    }
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
    StepExecution previous = steps.put(step.stepId(), step);
    if (previous != null
        && !original.containsKey(step.stepId())
        && !changed.contains(step.stepId())) {
      original.put(step.stepId(), previous);
    }
    changed.add(step.stepId());
    trackCompensation(step);
  }

  /**
   * The compensations in flight now, so that counting those inside a construct does not walk every
   * execution of a big run.
   */
  List<StepExecution> compensationsInFlight() {
    return compensationsInFlight.stream().map(steps::get).toList();
  }

  private static boolean isCompensationInFlight(StepExecution step) {
    return step.kind() == Kind.COMPENSATION && step.status().isInFlight();
  }

  private void trackCompensation(StepExecution step) {
    if (isCompensationInFlight(step)) {
      compensationsInFlight.add(step.stepId());
    } else {
      compensationsInFlight.remove(step.stepId());
    }
  }

  void command(Command command) {
    commands.add(command);
  }

  /** Sets the timer, or moves it if it is set. */
  void schedule(TimerKey timer, Instant fireAt) {
    timers.put(timer.id(), fireAt);
  }

  /** Drops the timer if it is set. */
  void cancelTimer(TimerKey timer) {
    timers.remove(timer.id());
  }

  /** When the timer fires, or null when it is not set. */
  @Nullable Instant timer(TimerKey timer) {
    return timers.get(timer.id());
  }

  void record(String type, Object... keysAndValues) {
    Map<String, Object> data = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      data.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    history.add(new HistoryEntry(type, data));
  }

  Transition done() {
    List<StepExecution> all = new ArrayList<>(steps.size());
    List<Transition.ChangedStep> touched = new ArrayList<>(changed.size());
    int seq = 0;
    for (StepExecution step : steps.values()) {
      if (changed.contains(step.stepId())) {
        touched.add(new Transition.ChangedStep(seq, step, original.get(step.stepId())));
      }
      all.add(step);
      seq++;
    }
    RunState state = run.withSteps(all, timers).touched(now);
    return new Transition(state, commands, history, touched, null);
  }

  /** The run as the transition found it. */
  RunState before() {
    return before;
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
    return new Bindings(
        run.input(), new Outputs(enclosingPrefixes(prefix)), runVariable(), locals(parent, lane));
  }

  /**
   * Step outputs as expressions see them, looked up only for the ids an expression reads: a
   * workflow of thousands of steps costs an expression what it reads, not the workflow's size.
   */
  private final class Outputs extends AbstractMap<String, JsonNode> {

    private final List<String> scopes;

    Outputs(List<String> scopes) {
      this.scopes = scopes;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String id && workflow.step(id).isPresent();
    }

    @Override
    public @Nullable JsonNode get(Object key) {
      if (!containsKey(key)) {
        return null;
      }
      for (String scope : scopes) {
        StepExecution found = steps.get(scope + key);
        if (found != null && found.kind() == Kind.FORWARD && found.status().isSuccess()) {
          return found.output() == null ? JSON.nullNode() : found.output();
        }
      }
      return JSON.nullNode(); // a step that was skipped or not taken has a null output
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
      return workflow.tree().all().stream()
          .map(def -> Map.entry(def.id(), get(def.id())))
          .collect(Collectors.toUnmodifiableSet());
    }
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
