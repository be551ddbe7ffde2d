package io.ordo.orchestrator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Everything durable about one run. Immutable: the engine returns a new state for every event.
 *
 * @param cause why the run left {@code RUNNING}; decides where compensation ends
 * @param compensationOrder the steps to compensate, in the order their compensations run
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
    @Nullable Instant finishedAt) {

  /** Why a run stopped going forward. */
  public enum Cause {
    FAILURE,
    CANCEL,
    TIMEOUT
  }

  public RunState {
    steps = List.copyOf(steps);
    compensationOrder = List.copyOf(compensationOrder);
  }

  public Optional<StepExecution> step(String stepId) {
    return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst();
  }

  RunState withStep(StepExecution step) {
    List<StepExecution> all = new ArrayList<>(steps);
    int index = all.stream().map(StepExecution::stepId).toList().indexOf(step.stepId());
    if (index >= 0) {
      all.set(index, step);
    } else {
      all.add(step);
    }
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

  RunState resumed() {
    return with(
        d -> {
          d.output = null;
          d.error = null;
          d.cause = null;
        });
  }

  RunState withOutput(JsonNode value) {
    return with(d -> d.output = value);
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
          finishedAt);
    }
  }
}
