package io.ordo.orchestrator.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.ordo.orchestrator.engine.Engine;
import io.ordo.orchestrator.engine.RunEvent;
import io.ordo.orchestrator.engine.RunState;
import io.ordo.orchestrator.engine.Transition;
import io.ordo.orchestrator.metering.UsageDelta;
import io.ordo.orchestrator.metering.UsageMeter;
import io.ordo.orchestrator.store.JdbcFunctionUsage;
import io.ordo.orchestrator.store.JdbcRunStore;
import io.ordo.orchestrator.store.JdbcTimerStore;
import io.ordo.orchestrator.store.JdbcTransitionWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies events to runs: locks the runs, runs the engine, and saves the new states with their
 * history, outbox messages, timers and the child runs they start in one transaction. A batch of
 * events for many runs shares that transaction, which is what makes a high result rate affordable.
 */
@Service
public class RunProcessor {

  private static final Logger log = LoggerFactory.getLogger(RunProcessor.class);

  /** An event addressed to a run. */
  public record Envelope(String runId, RunEvent event) {}

  /**
   * What became of a batch: a transition per event that reached its run, and the events that could
   * not be applied (no such run, or the engine rejected them) with the reason.
   */
  public record Outcome(Map<Envelope, Transition> applied, Map<Envelope, String> rejected) {}

  private final Engine engine = new Engine();
  private final JdbcRunStore runs;
  private final JdbcTimerStore timers;
  private final JdbcTransitionWriter writer;
  private final ChildRuns children;
  private final JdbcFunctionUsage usage;
  private final WorkflowCatalog catalog;
  private final TransactionTemplate transactions;
  private final OutboxSignal outbox;
  private final MeterRegistry meters;
  private final Clock clock;

  public RunProcessor(
      JdbcRunStore runs,
      JdbcTimerStore timers,
      JdbcTransitionWriter writer,
      ChildRuns children,
      JdbcFunctionUsage usage,
      WorkflowCatalog catalog,
      TransactionTemplate transactions,
      OutboxSignal outbox,
      MeterRegistry meters,
      Clock clock) {
    this.runs = runs;
    this.timers = timers;
    this.writer = writer;
    this.children = children;
    this.usage = usage;
    this.catalog = catalog;
    this.transactions = transactions;
    this.outbox = outbox;
    this.meters = meters;
    this.clock = clock;
  }

  public Outcome apply(List<Envelope> batch) {
    return transactions.execute(status -> applyInTransaction(batch));
  }

  private Outcome applyInTransaction(List<Envelope> batch) {
    Map<String, RunState> states =
        runs.lock(batch.stream().map(Envelope::runId).distinct().toList());
    Map<String, RunState> before = Map.copyOf(states);
    Instant now = clock.instant();
    Map<Envelope, Transition> applied = new LinkedHashMap<>();
    Map<Envelope, String> rejected = new LinkedHashMap<>();
    Map<String, RunState> changed = new LinkedHashMap<>();
    List<Transition> transitions = new ArrayList<>();
    for (Envelope envelope : batch) {
      RunState run = states.get(envelope.runId());
      if (run == null) {
        rejected.put(envelope, "no run with id " + envelope.runId());
        continue;
      }
      if (envelope.event() instanceof RunEvent.TimerFired fired
          && !timers.consume(envelope.runId(), fired.timer(), now)) {
        continue;
      }
      Transition t;
      try {
        t =
            engine.apply(
                run, catalog.definition(run.workflow(), run.version()), envelope.event(), now);
      } catch (RuntimeException bug) {
        log.error("engine rejected {} for run {}", envelope.event(), envelope.runId(), bug);
        rejected.put(envelope, "the engine could not apply it: " + bug.getMessage());
        continue;
      }
      applied.put(envelope, t);
      if (t.changed()) {
        states.put(envelope.runId(), t.state());
        changed.put(envelope.runId(), t.state());
        transitions.add(t);
      } else {
        meters.counter("ordo.events.ignored", "reason", t.ignored().name()).increment();
      }
    }
    save(changed.values(), transitions, now);
    Map<String, UsageDelta> metered = new HashMap<>();
    changed.forEach((runId, after) -> UsageMeter.addTo(metered, before.get(runId), after));
    usage.add(metered);
    return new Outcome(applied, rejected);
  }

  /** Inserts a new run with its first transition; false when the idempotency key was taken. */
  public boolean insert(Transition start, @Nullable String idempotencyKey) {
    Boolean inserted =
        transactions.execute(
            status -> {
              if (!runs.insert(start.state(), idempotencyKey)) {
                return false;
              }
              children.startAll(List.of(start), start.state().startedAt());
              writer.write(List.of(start), start.state().startedAt());
              usage.add(UsageMeter.between(null, start.state()));
              wakeOutboxAfterCommit();
              return true;
            });
    return Boolean.TRUE.equals(inserted);
  }

  public Engine engine() {
    return engine;
  }

  private void save(Collection<RunState> states, List<Transition> transitions, Instant now) {
    if (transitions.isEmpty()) {
      return;
    }
    runs.update(states);
    children.startAll(transitions, now);
    writer.write(transitions, now);
    meters.counter("ordo.transitions").increment(transitions.size());
    wakeOutboxAfterCommit();
  }

  private void wakeOutboxAfterCommit() {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            outbox.wake();
          }
        });
  }
}
