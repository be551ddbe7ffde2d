package io.ordo.orchestrator.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What applying an event gives: the new state, the commands to carry out with it, the history it
 * adds, the step executions it created or changed (so a store writes only those), and — when the
 * event changed nothing — why it was ignored.
 */
public record Transition(
    RunState state,
    List<Command> commands,
    List<HistoryEntry> history,
    List<ChangedStep> changedSteps,
    @Nullable Ignored ignored) {

  public Transition {
    commands = List.copyOf(commands);
    history = List.copyOf(history);
    changedSteps = List.copyOf(changedSteps);
  }

  static Transition ignored(RunState run, Ignored why) {
    return new Transition(run, List.of(), List.of(), List.of(), why);
  }

  public boolean changed() {
    return ignored == null;
  }

  /**
   * A step execution this transition created or changed.
   *
   * @param seq its place among the run's executions, in the order they started
   * @param before the execution as the transition found it; null when the transition created it
   */
  public record ChangedStep(int seq, StepExecution step, @Nullable StepExecution before) {

    /** Whether its {@code items} (a forEach's list, written once) are new. */
    public boolean itemsChanged() {
      return step.items() != null && (before == null || before.items() != step.items());
    }
  }

  /** Why an event left the run as it was. */
  public enum Ignored {
    /** The same result was applied before (a redelivery). */
    DUPLICATE,
    /** The event is about an attempt or timer the run has moved past. */
    STALE,
    /** The request makes no sense in the run's status (cancel a completed run, …). */
    NOT_ALLOWED
  }
}
