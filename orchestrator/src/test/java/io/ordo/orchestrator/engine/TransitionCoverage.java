package io.ordo.orchestrator.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Records every status edge the engine tests drive, so a test can fail on an unexercised one. */
final class TransitionCoverage {

  private static final Set<String> seen = new HashSet<>();

  private TransitionCoverage() {}

  static synchronized void record(RunState before, RunState after) {
    if (before.status() != after.status()) {
      seen.add("run " + before.status() + " -> " + after.status());
    }
    Map<String, StepExecution> earlier = new HashMap<>();
    before.steps().forEach(s -> earlier.put(s.stepId(), s));
    for (StepExecution next : after.steps()) {
      StepExecution prev = earlier.get(next.stepId());
      if (prev != null) {
        recordStep(prev, next);
      }
    }
  }

  static synchronized void recordStart(RunState started) {
    seen.add("run start -> " + started.status());
  }

  private static void recordStep(StepExecution prev, StepExecution next) {
    if (prev.status() != next.status()) {
      seen.add("step " + prev.status() + " -> " + next.status());
    }
    List<Attempt> before = prev.attempts();
    for (int i = 0; i < before.size(); i++) {
      Attempt a = before.get(i);
      Attempt b = next.attempts().get(i);
      if (a.status() != b.status() || !a.equals(b) && a.status() == AttemptStatus.RUNNING) {
        seen.add("attempt " + a.status() + " -> " + b.status());
      }
    }
  }

  static synchronized Set<String> missing() {
    Set<String> all = new TreeSet<>();
    for (RunStatus from : RunStatus.values()) {
      from.successors().forEach(to -> all.add("run " + from + " -> " + to));
    }
    all.add("run start -> RUNNING");
    for (StepStatus from : StepStatus.values()) {
      from.successors().forEach(to -> all.add("step " + from + " -> " + to));
    }
    for (AttemptStatus from : AttemptStatus.values()) {
      from.successors().forEach(to -> all.add("attempt " + from + " -> " + to));
    }
    all.removeAll(seen);
    return all;
  }
}
