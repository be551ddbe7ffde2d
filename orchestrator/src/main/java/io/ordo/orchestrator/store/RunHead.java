package io.ordo.orchestrator.store;

import io.ordo.orchestrator.engine.Failure;
import io.ordo.orchestrator.engine.ParentLink;
import io.ordo.orchestrator.engine.PendingSignal;
import io.ordo.orchestrator.engine.RunState;
import io.ordo.orchestrator.engine.RunState.Cause;
import io.ordo.orchestrator.engine.RunStatus;
import io.ordo.orchestrator.engine.StepExecution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A run's hot state as {@code runs.state} holds it: everything but its input (a column of its own,
 * written once) and its step executions (rows of {@code run_steps}). Small, so rewriting it on
 * every transition costs the same for a run of three steps as for one of ten thousand.
 */
record RunHead(
    String runId,
    String workflow,
    int version,
    RunStatus status,
    @Nullable JsonNode output,
    @Nullable Failure error,
    @Nullable Cause cause,
    @Nullable Map<String, Instant> timers,
    Instant startedAt,
    Instant updatedAt,
    @Nullable Instant finishedAt,
    @Nullable ParentLink parent,
    @Nullable ParentLink compensationFor,
    @Nullable List<PendingSignal> signals,
    @Nullable Map<String, Integer> undone) {

  static RunHead of(RunState run) {
    return new RunHead(
        run.runId(),
        run.workflow(),
        run.version(),
        run.status(),
        run.output(),
        run.error(),
        run.cause(),
        run.timers(),
        run.startedAt(),
        run.updatedAt(),
        run.finishedAt(),
        run.parent(),
        run.compensationFor(),
        run.signals(),
        run.undone().isEmpty() ? null : run.undone());
  }

  RunState with(JsonNode input, List<StepExecution> steps) {
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
        timers,
        startedAt,
        updatedAt,
        finishedAt,
        parent,
        compensationFor,
        signals,
        undone);
  }
}
