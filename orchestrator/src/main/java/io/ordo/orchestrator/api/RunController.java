package io.ordo.orchestrator.api;

import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.engine.RunState;
import io.ordo.orchestrator.service.InvalidRequestException;
import io.ordo.orchestrator.service.NotFoundException;
import io.ordo.orchestrator.service.RunService;
import io.ordo.orchestrator.service.RunService.StartedRun;
import io.ordo.orchestrator.store.JdbcRunQueries;
import io.ordo.orchestrator.store.JdbcRunQueries.HistoryLine;
import io.ordo.orchestrator.store.JdbcRunQueries.RunFilter;
import io.ordo.orchestrator.store.JdbcRunQueries.RunPage;
import io.ordo.orchestrator.store.JdbcRunStore;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** Starting, reading and operating runs. */
@RestController
@RequestMapping("/api/v1")
public class RunController {

  private static final Set<String> STATUSES =
      Set.of(
          "RUNNING",
          "COMPLETED",
          "FAILED",
          "COMPENSATING",
          "COMPENSATED",
          "COMPENSATION_FAILED",
          "CANCELLED",
          "TIMED_OUT");

  public record CancelRequest(@Nullable String reason) {}

  public record RunAccepted(String runId, String status) {}

  public record SignalAccepted(String runId, String signal) {}

  private final RunService runs;
  private final JdbcRunStore store;
  private final JdbcRunQueries queries;
  private final JsonMapper json;
  private final int maxPayloadBytes;

  public RunController(
      RunService runs,
      JdbcRunStore store,
      JdbcRunQueries queries,
      JsonMapper json,
      OrdoProperties properties) {
    this.runs = runs;
    this.store = store;
    this.queries = queries;
    this.json = json;
    this.maxPayloadBytes = properties.api().maxPayloadBytes();
  }

  @PostMapping("/workflows/{name}/runs")
  public ResponseEntity<StartedRun> start(
      @PathVariable String name,
      @RequestParam(required = false) @Nullable Integer version,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
      @RequestBody(required = false) byte @Nullable [] body) {
    JsonNode input = readJson(body, json.createObjectNode(), "the run input");
    StartedRun run = runs.start(name, version, input, idempotencyKey);
    URI location = URI.create("/api/v1/runs/" + run.runId());
    return run.created()
        ? ResponseEntity.created(location).body(run)
        : ResponseEntity.ok().location(location).body(run);
  }

  @GetMapping("/runs")
  public RunPage list(
      @RequestParam(required = false) @Nullable String workflow,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String parent,
      @RequestParam(required = false) @Nullable Instant since,
      @RequestParam(required = false) @Nullable Instant until,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) @Nullable String cursor) {
    if (status != null && !STATUSES.contains(status)) {
      throw new InvalidRequestException("unknown status '" + status + "'", List.copyOf(STATUSES));
    }
    if (limit < 1 || limit > 500) {
      throw new InvalidRequestException("limit must be between 1 and 500, got " + limit, List.of());
    }
    try {
      return queries.list(
          new RunFilter(workflow, status, parentId(parent), since, until, limit, cursor));
    } catch (IllegalArgumentException badCursor) {
      throw new InvalidRequestException(badCursor.getMessage(), List.of());
    }
  }

  private static @Nullable UUID parentId(@Nullable String parent) {
    if (parent == null) {
      return null;
    }
    try {
      return UUID.fromString(parent);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "parent must be a run id (a UUID), got '" + parent + "'", List.of());
    }
  }

  @GetMapping("/runs/counts")
  public Map<String, Long> counts(@RequestParam(required = false) @Nullable String workflow) {
    return queries.countByStatus(workflow);
  }

  @GetMapping("/runs/{runId}")
  public RunState run(@PathVariable String runId) {
    return store
        .find(RunService.parseRunId(runId))
        .orElseThrow(() -> new NotFoundException("no run with id " + runId));
  }

  @GetMapping("/runs/{runId}/events")
  public List<HistoryLine> events(@PathVariable String runId) {
    run(runId);
    return queries.history(RunService.parseRunId(runId));
  }

  @PostMapping("/runs/{runId}/cancel")
  public ResponseEntity<RunAccepted> cancel(
      @PathVariable String runId, @RequestBody(required = false) @Nullable CancelRequest request) {
    String reason =
        request == null || request.reason() == null ? "cancelled by an operator" : request.reason();
    runs.cancel(runId, reason);
    return accepted(runId);
  }

  /** Delivers a signal; the body (any JSON, none for null) is its payload. */
  @PostMapping("/runs/{runId}/signals/{name}")
  public ResponseEntity<SignalAccepted> signal(
      @PathVariable String runId,
      @PathVariable String name,
      @RequestBody(required = false) byte @Nullable [] body) {
    JsonNode payload = readJson(body, JsonNodeFactory.instance.nullNode(), "the signal payload");
    runs.signal(runId, name, payload);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new SignalAccepted(RunService.parseRunId(runId), name));
  }

  @PostMapping("/runs/{runId}/retry")
  public ResponseEntity<RunAccepted> retry(@PathVariable String runId) {
    runs.retry(runId);
    return accepted(runId);
  }

  private ResponseEntity<RunAccepted> accepted(String runId) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new RunAccepted(runId, run(runId).status().name()));
  }

  /** The body as JSON, {@code empty} when there is none; {@code what} names it in errors. */
  private JsonNode readJson(byte @Nullable [] body, JsonNode empty, String what) {
    if (body == null || body.length == 0) {
      return empty;
    }
    if (body.length > maxPayloadBytes) {
      throw new PayloadTooLargeException(
          what
              + " is "
              + body.length
              + " bytes; the limit is "
              + maxPayloadBytes
              + " (ordo.api.max-payload-bytes)");
    }
    try {
      JsonNode node = json.readTree(body);
      return node == null || node.isMissingNode() ? empty : node;
    } catch (JacksonException e) {
      throw new InvalidRequestException(
          "the request body is not valid JSON: "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")",
          List.of());
    }
  }
}
