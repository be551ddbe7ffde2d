package io.ordo.orchestrator.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.engine.Engine;
import io.ordo.orchestrator.engine.RunEvent;
import io.ordo.orchestrator.engine.RunState;
import io.ordo.orchestrator.engine.TimerKey;
import io.ordo.orchestrator.engine.Transition;
import io.ordo.orchestrator.service.RunBatch.Trouble;
import io.ordo.orchestrator.service.Work.Done;
import io.ordo.orchestrator.store.EventJson;
import io.ordo.orchestrator.store.JdbcIncidentStore;
import io.ordo.orchestrator.store.JdbcRequestStore.Request;
import io.ordo.orchestrator.store.Requests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of one batch applied run by run, in the order they came: work items, what parents
 * asked of the held runs, and the timers a sweep found due. A run the engine cannot move, or whose
 * definition is missing, is put in trouble and keeps its events; a run with an open incident keeps
 * them there.
 */
final class BatchApplication {

  private static final Logger log = LoggerFactory.getLogger(BatchApplication.class);

  /** Timers a run may fire in one batch: more would be a timer that keeps coming due. */
  private static final int TIMERS_PER_RUN = 64;

  private final Engine engine;
  private final WorkflowCatalog catalog;
  private final JdbcIncidentStore incidents;
  private final EventJson events;
  private final MeterRegistry meters;
  private final RunBatch batch;
  private final Map<String, Long> openIncidents;
  private final Done[] done;
  private final Instant now;
  private final List<Request> consumed = new ArrayList<>();

  BatchApplication(
      Engine engine,
      WorkflowCatalog catalog,
      JdbcIncidentStore incidents,
      EventJson events,
      MeterRegistry meters,
      RunBatch batch,
      Map<String, Long> openIncidents,
      Done[] done,
      Instant now) {
    this.engine = engine;
    this.catalog = catalog;
    this.incidents = incidents;
    this.events = events;
    this.meters = meters;
    this.batch = batch;
    this.openIncidents = openIncidents;
    this.done = done;
    this.now = now;
  }

  void apply(List<Work> work, RunProcessor.Held held) {
    for (int i = 0; i < work.size(); i++) {
      if (done[i] != null) {
        continue;
      }
      switch (work.get(i)) {
        case Work.Apply a -> event(a.runId(), a.event(), i);
        case Work.Replay r -> replay(r, i);
        case Work.Wake w -> done[i] = new Done.Swept(1);
        case Work.Start s -> {}
        case Work.Sweep s -> {}
      }
    }
    for (Request request : held.requests()) {
      if (batch.holds(request.runId()) || batch.inTrouble(request.runId())) {
        event(request.runId(), asked(request), -1); // applied, or kept with the run's incident
        consumed.add(request);
      }
    }
    if (held.timersUpTo() != null) {
      held.rows().forEach(row -> fireDue(row.runId(), held.timersUpTo()));
    }
  }

  List<Request> consumed() {
    return consumed;
  }

  /** What a parent's request is to the child: an event. */
  private RunEvent asked(Request request) {
    if (!Requests.isCompensate(request.key())) {
      return new RunEvent.StopRequestedByParent();
    }
    RunState child = batch.holds(request.runId()) ? batch.state(request.runId()) : null;
    String parent = child == null || child.parent() == null ? "" : child.parent().runId();
    return new RunEvent.CompensationRequestedByParent(Requests.requester(request.key(), parent));
  }

  /** Applies one event; false when the run could not take it (kept, or in trouble). */
  boolean event(String runId, RunEvent event, int item) {
    Long incident = openIncidents.get(runId);
    if (incident != null || batch.inTrouble(runId)) {
      keep(runId, event, item, incident);
      return false;
    }
    RunState state = batch.state(runId);
    WorkflowDefinition definition;
    try {
      definition = catalog.definition(state.workflow(), state.version());
    } catch (RuntimeException missing) {
      batch.trouble(runId, Trouble.of("DEFINITION_MISSING", missing.getMessage()));
      keep(runId, event, item, null);
      return false;
    }
    Transition t;
    try {
      t = engine.apply(state, definition, event, now);
    } catch (RuntimeException bug) {
      log.error("the engine could not apply {} to run {}", event, runId, bug);
      batch.trouble(runId, Trouble.of("ENGINE_REJECTED", String.valueOf(bug)));
      keep(runId, event, item, null);
      return false;
    }
    if (t.changed()) {
      batch.record(t);
    } else {
      meters.counter("ordo.events.ignored", "reason", t.ignored().name()).increment();
    }
    if (item >= 0) {
      done[item] = new Done.Applied(t);
    }
    return true;
  }

  private void keep(String runId, RunEvent event, int item, @Nullable Long incident) {
    if (incident != null) {
      incidents.keep(incident, List.of(events.write(event)), now);
      if (item >= 0) {
        done[item] = new Done.Parked(incident);
      }
      return;
    }
    Trouble trouble = batch.troubles().get(runId);
    trouble.kept().add(event);
    if (item >= 0) {
      trouble.items().add(item);
    }
  }

  private void replay(Work.Replay replay, int item) {
    Long open = openIncidents.get(replay.runId());
    if (open == null || open != replay.incidentId()) {
      done[item] = new Done.Rejected("run has no open incident " + replay.incidentId());
      return;
    }
    if (!batch.holds(replay.runId())) {
      done[item] = new Done.Rejected("the run's stored state still cannot be read");
      return;
    }
    List<byte[]> kept = incidents.events(open);
    incidents.resolve(open, "retried", now);
    openIncidents.remove(replay.runId());
    for (byte[] bytes : kept) {
      event(replay.runId(), events.read(bytes), -1); // once one fails, the rest are kept again
    }
    done[item] = new Done.Swept(1);
  }

  private void fireDue(String runId, Instant upTo) {
    for (int n = 0; n < TIMERS_PER_RUN && batch.holds(runId); n++) {
      if (openIncidents.containsKey(runId) || batch.inTrouble(runId)) {
        return;
      }
      List<TimerKey> due = batch.state(runId).dueTimers(upTo);
      if (due.isEmpty() || !event(runId, new RunEvent.TimerFired(due.getFirst()), -1)) {
        return;
      }
    }
  }
}
