package io.ordo.orchestrator.api;

import io.ordo.orchestrator.service.IncidentService;
import io.ordo.orchestrator.service.InvalidRequestException;
import io.ordo.orchestrator.store.JdbcIncidentStore.Incident;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs that could not go on: their incidents, and what an operator does about them. */
@RestController
@RequestMapping("/api/v1")
public class IncidentController {

  public record DiscardRequest(@Nullable String reason) {}

  private final IncidentService incidents;

  public IncidentController(IncidentService incidents) {
    this.incidents = incidents;
  }

  /** Open incidents, newest first. */
  @GetMapping("/incidents")
  public List<Incident> open(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidRequestException("limit must be between 1 and 500, got " + limit, List.of());
    }
    return incidents.open(limit);
  }

  @GetMapping("/runs/{runId}/incidents")
  public List<Incident> ofRun(@PathVariable String runId) {
    return incidents.ofRun(runId);
  }

  /** Applies the events the incident kept, in order; the incident as it is afterwards. */
  @PostMapping("/runs/{runId}/incidents/{incidentId}/retry")
  public Incident retry(@PathVariable String runId, @PathVariable long incidentId) {
    return incidents.retry(runId, incidentId);
  }

  /** Drops the events the incident kept and closes it. */
  @PostMapping("/runs/{runId}/incidents/{incidentId}/discard")
  public Incident discard(
      @PathVariable String runId,
      @PathVariable long incidentId,
      @RequestBody(required = false) @Nullable DiscardRequest request) {
    String reason =
        request == null || request.reason() == null
            ? "by an operator"
            : RequestText.storable(request.reason(), "the reason");
    return incidents.discard(runId, incidentId, reason);
  }
}
