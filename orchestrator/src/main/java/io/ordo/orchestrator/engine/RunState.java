package io.ordo.orchestrator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).stepId().equals(step.stepId())) {
        all.set(i, step);
        return withSteps(all);
      }
    }
    all.add(step);
    return withSteps(all);
  }

  private RunState withSteps(List<StepExecution> all) {
    return new RunState(
        runId,
        workflow,
        version,
        status,
        input,
        output,
        error,
        cause,
        all,
        compensationOrder,
        startedAt,
        updatedAt,
        finishedAt);
  }

  RunState withStatus(RunStatus next, Instant now) {
    return new RunState(
        runId,
        workflow,
        version,
        status.to(next),
        input,
        output,
        error,
        cause,
        steps,
        compensationOrder,
        startedAt,
        now,
        next.isAtRest() ? now : null);
  }

  RunState stopping(Cause why, @Nullable Failure failure) {
    return new RunState(
        runId,
        workflow,
        version,
        status,
        input,
        output,
        failure,
        why,
        steps,
        compensationOrder,
        startedAt,
        updatedAt,
        finishedAt);
  }

  RunState compensating(List<String> order) {
    return new RunState(
        runId,
        workflow,
        version,
        status,
        input,
        output,
        error,
        cause,
        steps,
        order,
        startedAt,
        updatedAt,
        finishedAt);
  }

  RunState resumed() {
    return new RunState(
        runId,
        workflow,
        version,
        status,
        input,
        null,
        null,
        null,
        steps,
        compensationOrder,
        startedAt,
        updatedAt,
        finishedAt);
  }

  RunState withOutput(JsonNode value) {
    return new RunState(
        runId,
        workflow,
        version,
        status,
        input,
        value,
        error,
        cause,
        steps,
        compensationOrder,
        startedAt,
        updatedAt,
        finishedAt);
  }

  RunState touched(Instant now) {
    return new RunState(
        runId,
        workflow,
        version,
        status,
        input,
        output,
        error,
        cause,
        steps,
        compensationOrder,
        startedAt,
        now,
        finishedAt);
  }
}
