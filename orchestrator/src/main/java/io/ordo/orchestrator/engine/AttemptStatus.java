package io.ordo.orchestrator.engine;

import java.util.EnumSet;
import java.util.Set;

/** One attempt of a step, with every legal edge; any other edge is a bug. */
public enum AttemptStatus {
  SCHEDULED,
  RUNNING,
  COMPLETED,
  FAILED,
  TIMED_OUT,
  CANCELLED;

  public Set<AttemptStatus> successors() {
    return switch (this) {
      case SCHEDULED -> EnumSet.of(RUNNING, COMPLETED, FAILED, TIMED_OUT, CANCELLED);
      case RUNNING -> EnumSet.of(RUNNING, COMPLETED, FAILED, TIMED_OUT, CANCELLED);
      // A success that arrives after its attempt timed out still counts while the step waits.
      case TIMED_OUT -> EnumSet.of(COMPLETED);
      case COMPLETED, FAILED, CANCELLED -> EnumSet.noneOf(AttemptStatus.class);
    };
  }

  public boolean isInFlight() {
    return this == SCHEDULED || this == RUNNING;
  }

  AttemptStatus to(AttemptStatus next) {
    if (!successors().contains(next)) {
      throw new IllegalStateException("illegal attempt transition " + this + " -> " + next);
    }
    return next;
  }
}
