package io.ordo.orchestrator.service;

import io.ordo.orchestrator.service.Work.Done;
import io.ordo.orchestrator.store.JdbcIncidentStore;
import io.ordo.orchestrator.store.JdbcIncidentStore.Incident;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator does about a run that could not go on: look at its incident, retry it once the
 * cause is fixed (its kept events are applied in order, as they would have been), or discard the
 * kept events and let the run go on without them.
 */
@Service
public class IncidentService {

  private final JdbcIncidentStore incidents;
  private final TransitionQueue queue;
  private final RunStates states;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public IncidentService(
      JdbcIncidentStore incidents,
      TransitionQueue queue,
      RunStates states,
      TransactionTemplate transactions,
      Clock clock) {
    this.incidents = incidents;
    this.queue = queue;
    this.states = states;
    this.transactions = transactions;
    this.clock = clock;
  }

  public List<Incident> open(int limit) {
    return incidents.open(limit);
  }

  public List<Incident> ofRun(String runId) {
    return incidents.ofRun(RunService.parseRunId(runId));
  }

  /** Applies the kept events; the incident after it (closed, or open again with a new error). */
  public Incident retry(String runId, long incidentId) {
    Incident incident = openIncident(runId, incidentId);
    states.forget(incident.runId());
    Done done;
    try {
      done =
          queue
              .submit(List.of(new Work.Replay(incident.runId(), incidentId)))
              .get(30, TimeUnit.SECONDS)
              .getFirst();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while retrying incident " + incidentId);
    } catch (ExecutionException | TimeoutException e) {
      throw new UnavailableException("the retry of incident " + incidentId + " did not finish");
    }
    if (done instanceof Done.Rejected rejected) {
      throw new ConflictException(rejected.reason());
    }
    return incidents.find(incidentId).orElseThrow();
  }

  /** Drops the kept events and closes the incident: the run goes on as if they never came. */
  public Incident discard(String runId, long incidentId, String reason) {
    Incident incident = openIncident(runId, incidentId);
    transactions.executeWithoutResult(
        status -> incidents.resolve(incidentId, "discarded: " + reason, clock.instant()));
    states.forget(incident.runId());
    return incidents.find(incidentId).orElseThrow();
  }

  private Incident openIncident(String runId, long incidentId) {
    String id = RunService.parseRunId(runId);
    Incident incident =
        incidents
            .find(incidentId)
            .filter(i -> i.runId().equals(id))
            .orElseThrow(
                () -> new NotFoundException("run " + runId + " has no incident " + incidentId));
    if (incident.resolvedAt() != null) {
      throw new ConflictException(
          "incident " + incidentId + " was resolved already (" + incident.resolution() + ")");
    }
    return incident;
  }
}
