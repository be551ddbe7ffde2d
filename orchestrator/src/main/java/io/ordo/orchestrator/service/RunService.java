package io.ordo.orchestrator.service;

import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.engine.Engine;
import io.ordo.orchestrator.engine.RunEvent;
import io.ordo.orchestrator.engine.Transition;
import io.ordo.orchestrator.service.Work.Done;
import io.ordo.orchestrator.store.JdbcRunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * What people ask of runs: start one, cancel one, signal one, retry one. Each request waits for the
 * commit of the batch that carries it.
 */
@Service
public class RunService {

  /** A started run; {@code created} is false when an idempotency key found an earlier one. */
  public record StartedRun(String runId, String workflow, int version, boolean created) {}

  private static final Pattern SIGNAL_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final Engine engine = new Engine();
  private final TransitionQueue queue;
  private final JdbcRunStore runs;
  private final WorkflowCatalog catalog;
  private final Clock clock;
  private final Duration requestTimeout;

  public RunService(
      TransitionQueue queue,
      JdbcRunStore runs,
      WorkflowCatalog catalog,
      Clock clock,
      OrdoProperties properties) {
    this.queue = queue;
    this.runs = runs;
    this.catalog = catalog;
    this.clock = clock;
    this.requestTimeout = properties.engine().requestTimeout();
  }

  public StartedRun start(
      String workflow, @Nullable Integer version, JsonNode input, @Nullable String idempotencyKey) {
    int v =
        version != null
            ? version
            : catalog
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
    Transition start = engine.start(runId, definition, v, input, clock.instant());
    Done done = await(new Work.Start(start, idempotencyKey), "start a run of " + workflow);
    return switch (done) {
      case Done.Started s when s.inserted() -> new StartedRun(runId, workflow, v, true);
      case Done.Started s -> earlier(workflow, idempotencyKey).orElseThrow(); // the key was taken
      case Done.Rejected r -> throw new InvalidRequestException(r.reason(), List.of());
      case Done.Applied a -> throw new IllegalStateException("a start is not applied");
      case Done.Parked p -> throw new IllegalStateException("a start is not parked");
      case Done.Swept s -> throw new IllegalStateException("a start is not a sweep");
      case Done.Deferred d -> throw new IllegalStateException("deferred work is retried");
    };
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
    String id = parseRunId(runId);
    switch (await(new Work.Apply(id, event), verb + " run " + runId)) {
      case Done.Applied applied when applied.transition().changed() -> {}
      case Done.Applied applied ->
          throw new ConflictException(
              "cannot "
                  + verb
                  + " run "
                  + runId
                  + ": it is "
                  + applied.transition().state().status()
                  + ", and only a "
                  + allowed
                  + " run can be "
                  + done);
      case Done.Parked parked ->
          throw new ConflictException(
              "run "
                  + runId
                  + " has an open incident ("
                  + parked.incidentId()
                  + "): the request is kept and applied once the incident is resolved");
      case Done.Rejected rejected -> throw new NotFoundException("no run with id " + runId);
      case Done.Started s -> throw new IllegalStateException("not a start");
      case Done.Swept s -> throw new IllegalStateException("not a sweep");
      case Done.Deferred d -> throw new IllegalStateException("deferred work is retried");
    }
  }

  /**
   * Waits for the work's commit. Work still queued when the request times out is withdrawn, so a
   * 503 means nothing was stored; work a writer has begun is waited for twice as long.
   */
  private Done await(Work work, String what) {
    CompletableFuture<List<Done>> future;
    try {
      future = queue.offer(List.of(work));
    } catch (TransitionQueue.Overloaded busy) {
      throw new UnavailableException(busy.getMessage() + "; nothing was stored, try again");
    }
    try {
      return wait(future, requestTimeout).getFirst();
    } catch (TimeoutException slow) {
      if (queue.withdraw(future)) {
        throw new UnavailableException(
            "could not "
                + what
                + " within "
                + requestTimeout.toSeconds()
                + " s: the database is not answering; nothing was stored, try again");
      }
    }
    try {
      return wait(future, requestTimeout.multipliedBy(2)).getFirst();
    } catch (TimeoutException stillSlow) {
      throw new UnavailableException(
          "could not "
              + what
              + " in time: the database is slow; it may still happen (retry with the same"
              + " Idempotency-Key to find out)");
    }
  }

  private static List<Done> wait(CompletableFuture<List<Done>> future, Duration timeout)
      throws TimeoutException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for the database");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the batch failed", e.getCause());
    }
  }

  private Optional<StartedRun> earlier(String workflow, @Nullable String idempotencyKey) {
    if (idempotencyKey == null) {
      return Optional.empty();
    }
    return runs.findByIdempotencyKey(workflow, idempotencyKey)
        .map(r -> new StartedRun(r.runId(), workflow, r.version(), false));
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
