package io.ordo.orchestrator.service;

import io.ordo.orchestrator.engine.RunEvent;
import io.ordo.orchestrator.engine.Transition;
import org.jspecify.annotations.Nullable;

/** One piece of work for a batch of transitions, and what became of it. */
public sealed interface Work {

  /** An event addressed to a run. */
  record Apply(String runId, RunEvent event) implements Work {}

  /** A new run, with its first transition. */
  record Start(Transition first, @Nullable String idempotencyKey) implements Work {}

  /** Fire the timers that are due and take parents' requests, for up to {@code limit} runs. */
  record Sweep(int limit) implements Work {}

  /** Fire this run's due timers and take its requests: a sweep narrowed to one run. */
  record Wake(String runId) implements Work {}

  /** Apply the events an incident kept, in order, and close it: an operator's retry. */
  record Replay(String runId, long incidentId) implements Work {}

  /** The run this work is for, or null for a sweep. */
  default @Nullable String runId() {
    return switch (this) {
      case Apply a -> a.runId();
      case Start s -> s.first().state().runId();
      case Sweep s -> null;
      case Wake w -> w.runId();
      case Replay r -> r.runId();
    };
  }

  /** What became of one piece of work. */
  sealed interface Done {

    /** The event reached its run: the transition (which may say it was ignored). */
    record Applied(Transition transition) implements Done {}

    /** There is no such run. */
    record Rejected(String reason) implements Done {}

    /** The run has an open incident: the event is kept there, not applied. */
    record Parked(long incidentId) implements Done {}

    /** The run was inserted, or its id or idempotency key was taken already. */
    record Started(boolean inserted) implements Done {}

    /** How many runs a sweep found due. */
    record Swept(int runs) implements Done {}

    /** Another transaction holds the run: try again. */
    record Deferred() implements Done {}
  }
}
