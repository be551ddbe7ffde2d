package io.ordo.orchestrator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Everything durable about one run. Immutable: the engine returns a new state for every event.
 *
 * @param cause why the run left {@code RUNNING}; decides where compensation ends
 * @param steps every step execution, in the order they started
 * @param timers the run's durable timers: {@link TimerKey#id()} → when it fires (retry backoffs,
 *     attempt and step timeouts, waits, the run's timeout). They are part of the state, so a timer
 *     is consumed exactly when the transition that applies it commits, and the run's earliest one
 *     is what the store indexes to wake it
 * @param parent the parent run's step that waits for this run, for a child run
 * @param compensationFor the parent's compensation that asked this (completed) run to undo itself
 * @param signals signals that arrived before a step waited for them, oldest first
 * @param undone per {@code forEach} execution being compensated, how many of its iterations are
 *     undone for good, counted from the latest without a gap: the unwinding walks only those below
 *     (kept here, in the small head, rather than in the forEach's own row, which holds its output)
 */
public record RunState(
    String runId,
    String workflow,
    int version,
    RunStatus status,
    JsonNode input,
    @Nullable JsonNode output,
    @Nullable Failure error,
    @Nullable Cause cause,
    List<StepExecution> steps,
    Map<String, Instant> timers,
    Instant startedAt,
    Instant updatedAt,
    @Nullable Instant finishedAt,
    @Nullable ParentLink parent,
    @Nullable ParentLink compensationFor,
    List<PendingSignal> signals,
    Map<String, Integer> undone) {

  /** Why a run stopped going forward. */
  public enum Cause {
    FAILURE,
    CANCEL,
    TIMEOUT,
    /** The parent run failed after this child run completed. */
    PARENT
  }

  public RunState {
    steps = List.copyOf(steps);
    timers = timers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(timers));
    signals = signals == null ? List.of() : List.copyOf(signals);
    undone = undone == null ? Map.of() : Map.copyOf(undone);
  }

  static RunState started(
      String runId,
      String workflow,
      int version,
      JsonNode input,
      Instant now,
      @Nullable ParentLink parent) {
    return new RunState(
        runId,
        workflow,
        version,
        RunStatus.RUNNING,
        input,
        null,
        null,
        null,
        List.of(),
        Map.of(),
        now,
        now,
        null,
        parent,
        null,
        List.of(),
        Map.of());
  }

  /** Linear; the engine works on an index of its own (see {@code Progress}). */
  public Optional<StepExecution> step(String stepId) {
    return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst();
  }

  /** When the run's earliest timer fires, or null when it has none. */
  public @Nullable Instant nextWakeAt() {
    return timers.values().stream().min(Comparator.naturalOrder()).orElse(null);
  }

  /** The timers due at {@code upTo}, earliest first. */
  public List<TimerKey> dueTimers(Instant upTo) {
    List<Map.Entry<String, Instant>> due = new ArrayList<>();
    timers.forEach(
        (id, at) -> {
          if (!at.isAfter(upTo)) {
            due.add(Map.entry(id, at));
          }
        });
    due.sort(
        Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    return due.stream().map(e -> TimerKey.parse(e.getKey())).toList();
  }

  RunState withSteps(List<StepExecution> all, Map<String, Instant> pending) {
    return with(
        d -> {
          d.steps = all;
          d.timers = pending;
        });
  }

  RunState withStatus(RunStatus next, Instant now) {
    RunStatus checked = status.to(next);
    return with(
        d -> {
          d.status = checked;
          d.updatedAt = now;
          d.finishedAt = next.isAtRest() ? now : null;
        });
  }

  RunState stopping(Cause why, @Nullable Failure failure) {
    return with(
        d -> {
          d.cause = why;
          d.error = failure;
        });
  }

  RunState compensatingFor(ParentLink link) {
    return with(d -> d.compensationFor = link);
  }

  RunState resumed() {
    return with(
        d -> {
          d.output = null;
          d.error = null;
          d.cause = null;
        });
  }

  RunState withOutput(@Nullable JsonNode value) {
    return with(d -> d.output = value);
  }

  RunState withSignals(List<PendingSignal> pending) {
    return with(d -> d.signals = pending);
  }

  /** Iterations of the forEach execution {@code stepId} undone for good (see {@link #undone}). */
  int undone(String stepId) {
    return undone.getOrDefault(stepId, 0);
  }

  RunState withUndone(String stepId, int iterations) {
    Map<String, Integer> all = new HashMap<>(undone);
    all.put(stepId, iterations);
    return with(d -> d.undone = all);
  }

  RunState touched(Instant now) {
    return with(d -> d.updatedAt = now);
  }

  private RunState with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** A mutable copy, used only to derive the next immutable state in one place. */
  private static final class Draft {
    private final RunState from;
    RunStatus status;
    @Nullable JsonNode output;
    @Nullable Failure error;
    @Nullable Cause cause;
    List<StepExecution> steps;
    Map<String, Instant> timers;
    Instant updatedAt;
    @Nullable Instant finishedAt;
    @Nullable ParentLink compensationFor;
    List<PendingSignal> signals;
    Map<String, Integer> undone;

    Draft(RunState from) {
      this.from = from;
      status = from.status;
      output = from.output;
      error = from.error;
      cause = from.cause;
      steps = from.steps;
      timers = from.timers;
      updatedAt = from.updatedAt;
      finishedAt = from.finishedAt;
      compensationFor = from.compensationFor;
      signals = from.signals;
      undone = from.undone;
    }

    RunState build() {
      return new RunState(
          from.runId,
          from.workflow,
          from.version,
          status,
          from.input,
          output,
          error,
          cause,
          steps,
          timers,
          from.startedAt,
          updatedAt,
          finishedAt,
          from.parent,
          compensationFor,
          signals,
          undone);
    }
  }
}
