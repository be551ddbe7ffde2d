package io.ordo.orchestrator.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.engine.Engine;
import io.ordo.orchestrator.engine.RunEvent;
import io.ordo.orchestrator.engine.RunState;
import io.ordo.orchestrator.engine.TimerKey;
import io.ordo.orchestrator.engine.Transition;
import io.ordo.orchestrator.metering.UsageDelta;
import io.ordo.orchestrator.metering.UsageMeter;
import io.ordo.orchestrator.service.RunBatch.Trouble;
import io.ordo.orchestrator.service.RunStates.Current;
import io.ordo.orchestrator.service.Work.Done;
import io.ordo.orchestrator.store.EventJson;
import io.ordo.orchestrator.store.JdbcFunctionUsage;
import io.ordo.orchestrator.store.JdbcIncidentStore;
import io.ordo.orchestrator.store.JdbcOutboxStore.OutboxMessage;
import io.ordo.orchestrator.store.JdbcRequestStore;
import io.ordo.orchestrator.store.JdbcRequestStore.Request;
import io.ordo.orchestrator.store.JdbcRunStore;
import io.ordo.orchestrator.store.JdbcRunStore.LockedRow;
import io.ordo.orchestrator.store.JdbcTransitionWriter;
import io.ordo.orchestrator.store.Requests;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of work in one transaction: inserts new runs, locks the runs the work is for (and
 * those a sweep finds due) without waiting for any held elsewhere, runs the engine, and saves the
 * new states with their history, outbox messages, child runs and metering. A run the engine cannot
 * move, or whose state cannot be read, gets an incident and keeps its events; the other runs of the
 * batch go on. After the commit the states are cached and the messages handed to the relay.
 */
@Service
public class RunProcessor {

  private static final Logger log = LoggerFactory.getLogger(RunProcessor.class);

  /** Timers a run may fire in one batch: more would be a timer that keeps coming due. */
  private static final int TIMERS_PER_RUN = 64;

  /** A batch that could not be committed; the runs a sweep had taken, to retry them one by one. */
  public static final class BatchFailed extends RuntimeException {
    private final List<String> swept;

    BatchFailed(RuntimeException cause, List<String> swept) {
      super(cause.getMessage(), cause);
      this.swept = List.copyOf(swept);
    }

    public List<String> swept() {
      return swept;
    }
  }

  private final Engine engine = new Engine();
  private final JdbcRunStore runs;
  private final RunStates states;
  private final JdbcRequestStore requests;
  private final JdbcIncidentStore incidents;
  private final EventJson events;
  private final JdbcTransitionWriter writer;
  private final ChildRuns children;
  private final JdbcFunctionUsage usage;
  private final WorkflowCatalog catalog;
  private final TransactionTemplate transactions;
  private final ObjectProvider<OutboxHandoff> handoff;
  private final TimerWakeups wakeups;
  private final ResultWatermark watermark;
  private final MeterRegistry meters;
  private final Clock clock;

  public RunProcessor(
      JdbcRunStore runs,
      RunStates states,
      JdbcRequestStore requests,
      JdbcIncidentStore incidents,
      EventJson events,
      JdbcTransitionWriter writer,
      ChildRuns children,
      JdbcFunctionUsage usage,
      WorkflowCatalog catalog,
      TransactionTemplate transactions,
      ObjectProvider<OutboxHandoff> handoff,
      TimerWakeups wakeups,
      ResultWatermark watermark,
      MeterRegistry meters,
      Clock clock) {
    this.runs = runs;
    this.states = states;
    this.requests = requests;
    this.incidents = incidents;
    this.events = events;
    this.writer = writer;
    this.children = children;
    this.usage = usage;
    this.catalog = catalog;
    this.transactions = transactions;
    this.handoff = handoff;
    this.wakeups = wakeups;
    this.watermark = watermark;
    this.meters = meters;
    this.clock = clock;
  }

  public Engine engine() {
    return engine;
  }

  /** What each piece of work became, in the order given. */
  public List<Done> process(List<Work> batch) {
    List<String> swept = new ArrayList<>();
    Committed committed;
    try {
      committed = transactions.execute(status -> inTransaction(batch, swept));
    } catch (RuntimeException e) {
      throw new BatchFailed(e, swept);
    }
    afterCommit(committed);
    return committed.done();
  }

  /**
   * Gives a run whose work PostgreSQL refused an incident, in a transaction of its own, and keeps
   * the events of that work there; a new run that cannot be stored is refused.
   */
  public List<Done> incidentFor(@Nullable String runId, List<Work> work, String error) {
    Instant now = clock.instant();
    List<Done> done =
        transactions.execute(
            status -> {
              if (runId == null || runs.existing(List.of(runId)).isEmpty()) {
                return work.stream()
                    .map(w -> (Done) new Done.Rejected("the run cannot be stored: " + error))
                    .toList();
              }
              Long open = runs.incidentOf(runId).orElse(null);
              long id;
              if (open == null) {
                id = incidents.open(runId, "CANNOT_SAVE", error, now);
              } else {
                id = open;
                incidents.failedAgain(id, error);
              }
              List<byte[]> kept = new ArrayList<>();
              List<Done> outcome = new ArrayList<>();
              for (Work w : work) {
                switch (w) {
                  case Work.Apply a -> {
                    kept.add(events.write(a.event()));
                    outcome.add(new Done.Parked(id));
                  }
                  case Work.Replay r ->
                      outcome.add(new Done.Rejected("the retry failed again: " + error));
                  case Work.Wake k -> outcome.add(new Done.Swept(1));
                  case Work.Start s -> outcome.add(new Done.Rejected(error));
                  case Work.Sweep s -> outcome.add(new Done.Swept(0));
                }
              }
              incidents.keep(id, kept, now);
              log.warn("run {} has incident {} (CANNOT_SAVE): {}", runId, id, error);
              return outcome;
            });
    if (runId != null) {
      states.forget(runId);
    }
    return done;
  }

  /** What a committed batch leaves for afterwards. */
  private record Committed(
      List<Done> done, Map<String, Current> written, List<OutboxMessage> messages) {}

  private Committed inTransaction(List<Work> batch, List<String> swept) {
    Instant now = clock.instant();
    Done[] done = new Done[batch.size()];
    List<Transition> started = start(batch, done);
    Held held = hold(batch, swept, watermark.dueUpTo(now), done);
    RunStates.Loaded loaded = states.load(held.rows());
    RunBatch runBatch = new RunBatch(loaded.runs());
    Map<String, Long> openIncidents = new HashMap<>();
    held.rows().stream()
        .filter(row -> row.incidentId() != null)
        .forEach(row -> openIncidents.put(row.runId(), row.incidentId()));
    loaded
        .unreadable()
        .forEach(
            (id, why) -> {
              if (!openIncidents.containsKey(id)) { // else its events go to the open one
                runBatch.trouble(id, trouble("CANNOT_LOAD", why));
              }
            });
    Application application = new Application(runBatch, openIncidents, done, now);
    application.apply(batch, held);
    List<Transition> all = new ArrayList<>(started);
    all.addAll(runBatch.transitions());
    ChildRuns.Started childRuns = children.startAll(all, now);
    all.addAll(childRuns.firsts());
    List<OutboxMessage> messages = new ArrayList<>(childRuns.reports());
    messages.addAll(writer.write(all, now));
    runs.save(runBatch.saves());
    requests.consume(application.consumed());
    meter(runBatch, started, childRuns.firsts());
    openIncidentsFor(runBatch, done, now);
    Map<String, Current> written = new HashMap<>(runBatch.written());
    started.forEach(t -> written.put(t.state().runId(), new Current(t.state(), 1)));
    childRuns.firsts().forEach(t -> written.put(t.state().runId(), new Current(t.state(), 1)));
    return new Committed(List.of(done), written, messages);
  }

  private List<Transition> start(List<Work> batch, Done[] done) {
    List<JdbcRunStore.NewRun> news = new ArrayList<>();
    for (Work work : batch) {
      if (work instanceof Work.Start s) {
        news.add(
            new JdbcRunStore.NewRun(
                s.first().state(), s.idempotencyKey(), s.first().changedSteps()));
      }
    }
    Set<String> inserted = new HashSet<>(runs.insert(news));
    List<Transition> started = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i) instanceof Work.Start s) {
        boolean in = inserted.contains(s.first().state().runId());
        done[i] = new Done.Started(in);
        if (in) {
          started.add(s.first());
        }
      }
    }
    return started;
  }

  /** The rows a batch holds: those its work names, and what a sweep found due. */
  record Held(List<LockedRow> rows, List<Request> requests, @Nullable Instant timersUpTo) {}

  private Held hold(List<Work> batch, List<String> swept, @Nullable Instant upTo, Done[] done) {
    Set<String> wanted = new LinkedHashSet<>();
    Work.Sweep sweep = null;
    int sweepIndex = -1;
    for (int i = 0; i < batch.size(); i++) {
      Work work = batch.get(i);
      if (work instanceof Work.Sweep s) {
        sweep = s;
        sweepIndex = i;
      } else if (!(work instanceof Work.Start)) {
        wanted.add(work.runId());
      }
    }
    List<LockedRow> rows = new ArrayList<>(runs.lock(wanted));
    Set<String> locked = new HashSet<>(rows.stream().map(LockedRow::runId).toList());
    List<Request> taken = new ArrayList<>();
    if (sweep != null) {
      if (upTo != null) {
        List<LockedRow> due = runs.lockDue(upTo, locked, sweep.limit());
        due.forEach(row -> swept.add(row.runId()));
        rows.addAll(due);
        locked.addAll(swept);
      }
      List<Request> asked = requests.lockOldest(sweep.limit());
      List<String> askedRuns =
          asked.stream().map(Request::runId).filter(id -> !locked.contains(id)).distinct().toList();
      List<LockedRow> more = runs.lock(askedRuns);
      more.forEach(row -> swept.add(row.runId()));
      rows.addAll(more);
      locked.addAll(more.stream().map(LockedRow::runId).toList());
      asked.stream().filter(r -> locked.contains(r.runId())).forEach(taken::add);
      done[sweepIndex] = new Done.Swept(swept.size());
    }
    Set<String> absent = new HashSet<>(wanted.stream().filter(id -> !locked.contains(id)).toList());
    Set<String> existing = new HashSet<>(runs.existing(absent));
    for (int i = 0; i < batch.size(); i++) {
      String runId = batch.get(i).runId();
      if (runId != null && absent.contains(runId) && !(batch.get(i) instanceof Work.Start)) {
        done[i] =
            existing.contains(runId)
                ? new Done.Deferred()
                : new Done.Rejected("no run with id " + runId);
      }
    }
    return new Held(rows, taken, upTo);
  }

  private static Trouble trouble(String kind, String error) {
    return new Trouble(kind, error, new ArrayList<>(), new ArrayList<>());
  }

  /** The events of one batch applied run by run, in the order they came. */
  private final class Application {
    private final RunBatch batch;
    private final Map<String, Long> openIncidents;
    private final Done[] done;
    private final Instant now;
    private final List<Request> consumed = new ArrayList<>();

    Application(RunBatch batch, Map<String, Long> openIncidents, Done[] done, Instant now) {
      this.batch = batch;
      this.openIncidents = openIncidents;
      this.done = done;
      this.now = now;
    }

    void apply(List<Work> work, Held held) {
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
        batch.trouble(runId, trouble("DEFINITION_MISSING", missing.getMessage()));
        keep(runId, event, item, null);
        return false;
      }
      Transition t;
      try {
        t = engine.apply(state, definition, event, now);
      } catch (RuntimeException bug) {
        log.error("the engine could not apply {} to run {}", event, runId, bug);
        batch.trouble(runId, trouble("ENGINE_REJECTED", String.valueOf(bug)));
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

  private void meter(RunBatch batch, List<Transition> started, List<Transition> childFirsts) {
    Map<String, UsageDelta> metered = new HashMap<>();
    batch.saves().forEach(save -> UsageMeter.addTo(metered, save.changed()));
    started.forEach(t -> UsageMeter.addTo(metered, t.changedSteps()));
    childFirsts.forEach(t -> UsageMeter.addTo(metered, t.changedSteps()));
    usage.add(metered);
    meters.counter("ordo.transitions").increment(batch.transitions().size() + started.size());
  }

  private void openIncidentsFor(RunBatch batch, Done[] done, Instant now) {
    batch
        .troubles()
        .forEach(
            (runId, trouble) -> {
              long id = incidents.open(runId, trouble.kind(), trouble.error(), now);
              incidents.keep(id, trouble.kept().stream().map(events::write).toList(), now);
              trouble.items().forEach(item -> done[item] = new Done.Parked(id));
              meters.counter("ordo.incidents.opened", "kind", trouble.kind()).increment();
              log.warn(
                  "run {} has incident {} ({}): {}", runId, id, trouble.kind(), trouble.error());
            });
  }

  private void afterCommit(Committed committed) {
    states.remember(committed.written());
    if (!committed.messages().isEmpty()) {
      handoff.ifAvailable(h -> h.committed(committed.messages()));
    }
    committed.written().values().stream()
        .map(c -> c.state().nextWakeAt())
        .filter(at -> at != null)
        .min(Instant::compareTo)
        .ifPresent(wakeups::wakeBy);
  }
}
