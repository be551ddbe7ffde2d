package io.ordo.orchestrator.api;

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
import io.ordo.orchestrator.store.StorableText;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import tools.jackson.core.TokenStreamLocation;
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

  /** Longest Idempotency-Key accepted, in characters (as Stripe's). */
  static final int MAX_IDEMPOTENCY_KEY = 255;

  private final JsonMapper json;

  public RunController(
      RunService runs, JdbcRunStore store, JdbcRunQueries queries, JsonMapper json) {
    this.runs = runs;
    this.store = store;
    this.queries = queries;
    this.json = json;
  }

  @PostMapping(path = "/workflows/{name}/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<StartedRun> start(
      @PathVariable String name,
      @RequestParam(required = false) @Nullable Integer version,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
      @RequestBody(required = false) byte @Nullable [] body) {
    String key = checkedIdempotencyKey(idempotencyKey);
    JsonNode input = readJson(body, json.createObjectNode(), "the run input");
    StartedRun run = runs.start(name, version, input, key);
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

  @PostMapping(path = "/runs/{runId}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<RunAccepted> cancel(
      @PathVariable String runId, @RequestBody(required = false) @Nullable CancelRequest request) {
    String reason =
        request == null || request.reason() == null ? "cancelled by an operator" : request.reason();
    RequestText.storable(reason, "the reason");
    runs.cancel(runId, reason);
    return accepted(runId);
  }

  /** Delivers a signal; the body (any JSON, none for null) is its payload. */
  @PostMapping(path = "/runs/{runId}/signals/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
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
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw new InvalidRequestException(
          what
              + " is not valid JSON: "
              + e.getOriginalMessage()
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
          List.of());
    }
    if (node == null || node.isMissingNode()) {
      return empty;
    }
    String unstorable = StorableText.unstorableAt(node);
    if (unstorable != null) {
      throw new InvalidRequestException(
          what + " holds U+0000 at " + unstorable + ", which Ordo cannot store", List.of());
    }
    return node;
  }

  /**
   * An idempotency key as given, or an explanation of why it cannot be one: it is a short,
   * printable name a client chooses for one start.
   */
  private static @Nullable String checkedIdempotencyKey(@Nullable String key) {
    if (key == null) {
      return null;
    }
    if (key.isBlank()) {
      throw new InvalidRequestException(
          "the Idempotency-Key header is empty; leave it out or give a key", List.of());
    }
    if (key.length() > MAX_IDEMPOTENCY_KEY) {
      throw new InvalidRequestException(
          "the Idempotency-Key header is "
              + key.length()
              + " characters; the limit is "
              + MAX_IDEMPOTENCY_KEY,
          List.of());
    }
    if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidRequestException(
          "the Idempotency-Key header holds control characters", List.of());
    }
    return key;
  }
}
