package io.ordo.orchestrator.engine;

import java.util.EnumSet;
import java.util.Set;

/**
 * A step across its attempts: {@code ACTIVE} while it works (an attempt in flight, a branch
 * running, a timer or a signal awaited), {@code BACKING_OFF} while it waits for its next attempt,
 * {@code RECOVERING} while a {@code catch} runs for it. A step whose {@code if} was false is
 * created {@code SKIPPED}. Every legal edge is listed; any other edge is a bug.
 */
public enum StepStatus {
  ACTIVE,
  BACKING_OFF,
  RECOVERING,
  COMPLETED,
  RECOVERED,
  SKIPPED,
  FAILED,
  CANCELLED;

  public Set<StepStatus> successors() {
    return switch (this) {
      case ACTIVE -> EnumSet.of(BACKING_OFF, COMPLETED, FAILED, CANCELLED, RECOVERING);
      case BACKING_OFF -> EnumSet.of(ACTIVE, CANCELLED);
      case RECOVERING -> EnumSet.of(RECOVERED, FAILED, CANCELLED);
      // An operator's retry resumes what failed and what the failure cancelled.
      case FAILED -> EnumSet.of(ACTIVE, RECOVERING);
      case CANCELLED -> EnumSet.of(ACTIVE);
      case COMPLETED, RECOVERED, SKIPPED -> EnumSet.noneOf(StepStatus.class);
    };
  }

  /** Still doing something, or about to: what stopping a run or a branch must cancel. */
  public boolean isInFlight() {
    return this == ACTIVE || this == BACKING_OFF || this == RECOVERING;
  }

  /** Done in a way that lets the steps after it go on. */
  public boolean isSuccess() {
    return this == COMPLETED || this == RECOVERED || this == SKIPPED;
  }

  StepStatus to(StepStatus next) {
    if (!successors().contains(next)) {
      throw new IllegalStateException("illegal step transition " + this + " -> " + next);
    }
    return next;
  }
}
