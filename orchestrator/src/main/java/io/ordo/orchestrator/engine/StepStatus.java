package io.ordo.orchestrator.engine;

import java.util.EnumSet;
import java.util.Set;

/**
 * A step across its attempts: {@code ACTIVE} while an attempt is in flight, {@code BACKING_OFF}
 * while it waits for its next attempt. Every legal edge is listed; any other edge is a bug.
 */
public enum StepStatus {
  ACTIVE,
  BACKING_OFF,
  COMPLETED,
  FAILED,
  CANCELLED;

  public Set<StepStatus> successors() {
    return switch (this) {
      case ACTIVE -> EnumSet.of(BACKING_OFF, COMPLETED, FAILED, CANCELLED);
      case BACKING_OFF -> EnumSet.of(ACTIVE, CANCELLED);
      case FAILED -> EnumSet.of(ACTIVE);
      case COMPLETED, CANCELLED -> EnumSet.noneOf(StepStatus.class);
    };
  }

  StepStatus to(StepStatus next) {
    if (!successors().contains(next)) {
      throw new IllegalStateException("illegal step transition " + this + " -> " + next);
    }
    return next;
  }
}
