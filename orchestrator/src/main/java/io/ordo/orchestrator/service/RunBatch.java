package io.ordo.orchestrator.service;

import io.ordo.orchestrator.engine.RunEvent;
import io.ordo.orchestrator.engine.RunState;
import io.ordo.orchestrator.engine.StepExecution;
import io.ordo.orchestrator.engine.Transition;
import io.ordo.orchestrator.engine.Transition.ChangedStep;
import io.ordo.orchestrator.service.RunStates.Current;
import io.ordo.orchestrator.store.JdbcRunStore.Save;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch does to the runs it holds, while it is being applied: each run's state as its
 * transitions leave it, the transitions to write, and the runs that got into trouble.
 */
final class RunBatch {

  /** A run that could not go on: why, and the events it keeps for later. */
  record Trouble(String kind, String error, List<RunEvent> kept, List<Integer> items) {
    /** A new trouble, with nothing kept yet. */
    static Trouble of(String kind, String error) {
      return new Trouble(kind, error, new ArrayList<>(), new ArrayList<>());
    }
  }

  private final Map<String, Current> before;
  private final Map<String, RunState> states = new LinkedHashMap<>();
  private final Map<String, Map<String, ChangedStep>> changed = new LinkedHashMap<>();
  private final List<Transition> transitions = new ArrayList<>();
  private final Map<String, Trouble> troubles = new LinkedHashMap<>();

  RunBatch(Map<String, Current> before) {
    this.before = before;
    before.forEach((id, current) -> states.put(id, current.state()));
  }

  RunState state(String runId) {
    return states.get(runId);
  }

  boolean holds(String runId) {
    return states.containsKey(runId);
  }

  /** The run as it was before the batch. */
  RunState before(String runId) {
    return before.get(runId).state();
  }

  void record(Transition t) {
    String runId = t.state().runId();
    states.put(runId, t.state());
    transitions.add(t);
    Map<String, ChangedStep> steps = changed.computeIfAbsent(runId, id -> new LinkedHashMap<>());
    for (ChangedStep step : t.changedSteps()) {
      ChangedStep earlier = steps.get(step.step().stepId());
      StepExecution first = earlier == null ? step.before() : earlier.before();
      steps.put(step.step().stepId(), new ChangedStep(step.seq(), step.step(), first));
    }
  }

  void trouble(String runId, Trouble trouble) {
    troubles.put(runId, trouble);
  }

  boolean inTrouble(String runId) {
    return troubles.containsKey(runId);
  }

  Map<String, Trouble> troubles() {
    return troubles;
  }

  List<Transition> transitions() {
    return transitions;
  }

  /** The rows to write: every run a transition changed, one version up. */
  List<Save> saves() {
    List<Save> saves = new ArrayList<>();
    changed.forEach(
        (runId, steps) ->
            saves.add(
                new Save(
                    states.get(runId),
                    before.get(runId).version() + 1,
                    List.copyOf(steps.values()))));
    return saves;
  }

  /** The states as written, for the cache once the batch committed. */
  Map<String, Current> written() {
    Map<String, Current> written = new LinkedHashMap<>();
    changed
        .keySet()
        .forEach(
            runId ->
                written.put(
                    runId, new Current(states.get(runId), before.get(runId).version() + 1)));
    return written;
  }
}
