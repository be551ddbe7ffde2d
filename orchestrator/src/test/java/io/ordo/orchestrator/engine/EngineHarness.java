package io.ordo.orchestrator.engine;

import io.ordo.dsl.model.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Drives one run through the engine with a clock the test moves, recording edge coverage. */
final class EngineHarness {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  static final String RUN_ID = "00000000-0000-0000-0000-000000000001";

  private final Engine engine = new Engine();
  private final WorkflowDefinition workflow;
  Instant now = Instant.parse("2026-11-22T10:00:00Z");
  RunState run;
  Transition last;

  EngineHarness(WorkflowDefinition workflow, JsonNode input) {
    this(workflow, input, RUN_ID, null);
  }

  EngineHarness(
      WorkflowDefinition workflow, JsonNode input, String runId, @Nullable ParentLink parent) {
    this.workflow = workflow;
    last = engine.start(runId, workflow, 1, input, now, parent);
    run = last.state();
    TransitionCoverage.recordStart(run);
  }

  Transition apply(RunEvent event) {
    last = engine.apply(run, workflow, event, now);
    TransitionCoverage.record(run, last.state());
    run = last.state();
    return last;
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  Transition complete(String stepId, JsonNode output) {
    return apply(new RunEvent.StepCompleted(stepId, attemptOf(stepId), output, report()));
  }

  Transition fail(String stepId, String type, boolean retryable) {
    Failure error = new Failure(type, type + " happened", retryable, null);
    return apply(new RunEvent.StepFailed(stepId, attemptOf(stepId), error, report()));
  }

  Transition heartbeat(String stepId) {
    return apply(new RunEvent.StepHeartbeat(stepId, attemptOf(stepId), "worker-1"));
  }

  /** Fires the timer the last transitions scheduled for this key, moving the clock to it. */
  Transition fire(TimerKey key) {
    Instant at = scheduledAt(key);
    now = at.isAfter(now) ? at : now;
    return apply(new RunEvent.TimerFired(key));
  }

  /** When the timer is set to fire, as the transitions so far left it. */
  Instant scheduledAt(TimerKey key) {
    Instant at = run.timers().get(key.id());
    if (at == null) {
      throw new AssertionError("no timer " + key.id() + " is set; timers: " + run.timers());
    }
    return at;
  }

  int attemptOf(String stepId) {
    return run.step(stepId).orElseThrow().lastAttempt().number();
  }

  List<Command.DispatchStep> dispatches() {
    return commands(Command.DispatchStep.class);
  }

  /** The commands of the last transition of one type. */
  <C extends Command> List<C> commands(Class<C> type) {
    return last.commands().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The functions the last transition dispatched, by step id. */
  List<String> dispatchedSteps() {
    return dispatches().stream().map(Command.DispatchStep::stepId).toList();
  }

  Transition signal(String name, JsonNode payload) {
    return apply(new RunEvent.SignalReceived(name, payload));
  }

  /** Whether a timer with this key is set now. */
  boolean hasTimer(TimerKey key) {
    return run.timers().containsKey(key.id());
  }

  List<String> history() {
    return last.history().stream().map(HistoryEntry::type).toList();
  }

  StepExecution step(String stepId) {
    return run.step(stepId).orElseThrow();
  }

  Attempt.Report report() {
    return new Attempt.Report("worker-1", now, now);
  }

  static ObjectNode object(String key, String value) {
    return JSON.objectNode().put(key, value);
  }
}
