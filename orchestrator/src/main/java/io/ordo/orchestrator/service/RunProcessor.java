package io.ordo.orchestrator.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordo.orchestrator.engine.Engine;
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
                runBatch.trouble(id, Trouble.of("CANNOT_LOAD", why));
              }
            });
    BatchApplication application =
        new BatchApplication(
            engine, catalog, incidents, events, meters, runBatch, openIncidents, done, now);
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
