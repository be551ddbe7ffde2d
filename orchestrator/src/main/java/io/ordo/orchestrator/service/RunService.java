package io.ordo.orchestrator.service;

import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.engine.RunEvent;
import io.ordo.orchestrator.engine.Transition;
import io.ordo.orchestrator.service.RunProcessor.Envelope;
import io.ordo.orchestrator.store.JdbcRunStore;
import io.ordo.orchestrator.store.JdbcWorkflowStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** What people ask of runs: start one, cancel one, signal one, retry one. */
@Service
public class RunService {

  /** A started run; {@code created} is false when an idempotency key found an earlier one. */
  public record StartedRun(String runId, String workflow, int version, boolean created) {}

  private static final Pattern SIGNAL_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final RunProcessor processor;
  private final JdbcRunStore runs;
  private final JdbcWorkflowStore workflows;
  private final WorkflowCatalog catalog;
  private final Clock clock;

  public RunService(
      RunProcessor processor,
      JdbcRunStore runs,
      JdbcWorkflowStore workflows,
      WorkflowCatalog catalog,
      Clock clock) {
    this.processor = processor;
    this.runs = runs;
    this.workflows = workflows;
    this.catalog = catalog;
    this.clock = clock;
  }

  public StartedRun start(
      String workflow, @Nullable Integer version, JsonNode input, @Nullable String idempotencyKey) {
    int v =
        version != null
            ? version
            : workflows
                .latestVersion(workflow)
                .orElseThrow(() -> new NotFoundException("no workflow named '" + workflow + "'"));
    WorkflowDefinition definition = catalog.definition(workflow, v);
    List<String> problems = definition.inputSchema().problemsWith(input);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(
          "the input does not match the input schema of " + workflow + " v" + v, problems);
    }
    Optional<StartedRun> earlier = earlier(workflow, idempotencyKey);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    String runId = UUID.randomUUID().toString();
    Transition start = processor.engine().start(runId, definition, v, input, clock.instant());
    if (processor.insert(start, idempotencyKey)) {
      return new StartedRun(runId, workflow, v, true);
    }
    return earlier(workflow, idempotencyKey).orElseThrow();
  }

  public void cancel(String runId, String reason) {
    act(runId, new RunEvent.CancelRequested(reason), "cancel", "cancelled", "RUNNING");
  }

  /** Delivers signal {@code name} to a running run: a step waiting for it, or the run keeps it. */
  public void signal(String runId, String name, JsonNode payload) {
    if (!SIGNAL_NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "signal name '" + name + "' is not allowed: use letters, digits, '_', '.' and '-'",
          List.of());
    }
    act(runId, new RunEvent.SignalReceived(name, payload), "signal", "signalled", "RUNNING");
  }

  public void retry(String runId) {
    act(runId, new RunEvent.RetryRequested(), "retry", "retried", "FAILED or COMPENSATION_FAILED");
  }

  private void act(String runId, RunEvent event, String verb, String done, String allowed) {
    Envelope envelope = new Envelope(parseRunId(runId), event);
    RunProcessor.Outcome outcome = processor.apply(List.of(envelope));
    Transition t = outcome.applied().get(envelope);
    if (t == null) {
      throw new NotFoundException("no run with id " + runId);
    }
    if (!t.changed()) {
      throw new ConflictException(
          "cannot "
              + verb
              + " run "
              + runId
              + ": it is "
              + t.state().status()
              + ", and only a "
              + allowed
              + " run can be "
              + done);
    }
  }

  private Optional<StartedRun> earlier(String workflow, @Nullable String idempotencyKey) {
    if (idempotencyKey == null) {
      return Optional.empty();
    }
    return runs.findByIdempotencyKey(workflow, idempotencyKey)
        .flatMap(runs::find)
        .map(r -> new StartedRun(r.runId(), r.workflow(), r.version(), false));
  }

  /** Run ids are UUIDs; anything else cannot name a run. */
  public static String parseRunId(String runId) {
    try {
      return UUID.fromString(runId).toString();
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("no run with id " + runId + " (run ids are UUIDs)");
    }
  }
}
