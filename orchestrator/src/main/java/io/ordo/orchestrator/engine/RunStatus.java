package io.ordo.orchestrator.engine;

import java.util.EnumSet;
import java.util.Set;

/** A run's status, with every legal edge between statuses; any other edge is a bug. */
public enum RunStatus {
  RUNNING,
  COMPLETED,
  FAILED,
  COMPENSATING,
  COMPENSATED,
  COMPENSATION_FAILED,
  CANCELLED,
  TIMED_OUT;

  public Set<RunStatus> successors() {
    return switch (this) {
      case RUNNING -> EnumSet.of(COMPLETED, FAILED, COMPENSATING, CANCELLED, TIMED_OUT);
      case COMPENSATING -> EnumSet.of(COMPENSATED, CANCELLED, TIMED_OUT, COMPENSATION_FAILED);
      case FAILED -> EnumSet.of(RUNNING);
      case COMPENSATION_FAILED -> EnumSet.of(COMPENSATING);
      // A completed child run is compensated when its parent run is.
      case COMPLETED -> EnumSet.of(COMPENSATING);
      case COMPENSATED, CANCELLED, TIMED_OUT -> EnumSet.noneOf(RunStatus.class);
    };
  }

  /** Ends where nothing but a parent's compensation can move it again. */
  public boolean isTerminal() {
    return this == COMPLETED || successors().isEmpty();
  }

  /** Whether an operator can act on the run again (retry); the run holds no timers meanwhile. */
  public boolean isAtRest() {
    return this != RUNNING && this != COMPENSATING;
  }

  RunStatus to(RunStatus next) {
    if (!successors().contains(next)) {
      throw new IllegalStateException("illegal run transition " + this + " -> " + next);
    }
    return next;
  }
}
