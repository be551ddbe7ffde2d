package io.ordo.orchestrator.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What applying an event gives: the new state, the commands to carry out with it, the history it
 * adds, and — when the event changed nothing — why it was ignored.
 */
public record Transition(
    RunState state, List<Command> commands, List<HistoryEntry> history, @Nullable Ignored ignored) {

  public Transition {
    commands = List.copyOf(commands);
    history = List.copyOf(history);
  }

  public boolean changed() {
    return ignored == null;
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
