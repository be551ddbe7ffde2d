package io.ordo.orchestrator.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Everything durable about one run. Immutable: the engine returns a new state for every event.
 *
 * @param cause why the run left {@code RUNNING}; decides where compensation ends
 * @param steps every step execution, in the order they started
 * @param compensationOrder the steps to compensate, in the order their compensations run
 * @param parent the parent run's step that waits for this run, for a child run
 * @param compensationFor the parent's compensation that asked this (completed) run to undo itself
 * @param signals signals that arrived before a step waited for them, oldest first
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
    List<String> compensationOrder,
    Instant startedAt,
    Instant updatedAt,
    @Nullable Instant finishedAt,
    @Nullable ParentLink parent,
    @Nullable ParentLink compensationFor,
    List<PendingSignal> signals) {

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
    compensationOrder = compensationOrder == null ? List.of() : List.copyOf(compensationOrder);
    signals = signals == null ? List.of() : List.copyOf(signals);
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
        List.of(),
        now,
        now,
        null,
        parent,
        null,
        List.of());
  }

  /** Linear; the engine works on an index of its own (see {@code Progress}). */
  public Optional<StepExecution> step(String stepId) {
    return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst();
  }

  RunState withSteps(List<StepExecution> all) {
    return with(d -> d.steps = all);
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

  RunState compensating(List<String> order) {
    return with(d -> d.compensationOrder = order);
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
    List<String> compensationOrder;
    Instant updatedAt;
    @Nullable Instant finishedAt;
    @Nullable ParentLink compensationFor;
    List<PendingSignal> signals;

    Draft(RunState from) {
      this.from = from;
      status = from.status;
      output = from.output;
      error = from.error;
      cause = from.cause;
      steps = from.steps;
      compensationOrder = from.compensationOrder;
      updatedAt = from.updatedAt;
      finishedAt = from.finishedAt;
      compensationFor = from.compensationFor;
      signals = from.signals;
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
          compensationOrder,
          from.startedAt,
          updatedAt,
          finishedAt,
          from.parent,
          compensationFor,
          signals);
    }
  }
}
