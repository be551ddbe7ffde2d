package io.ordo.orchestrator.service;

import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.engine.RunEvent;
import io.ordo.orchestrator.service.RunProcessor.Envelope;
import io.ordo.orchestrator.store.JdbcTimerStore;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Fires due timers. Every instance polls; a timer fires once because it is deleted in the same
 * transaction that applies it, with its run locked.
 */
@Component
public class TimerPoller {

  private final JdbcTimerStore timers;
  private final RunProcessor processor;
  private final Clock clock;
  private final OrdoProperties.Timers settings;

  public TimerPoller(
      JdbcTimerStore timers, RunProcessor processor, Clock clock, OrdoProperties properties) {
    this.timers = timers;
    this.processor = processor;
    this.clock = clock;
    this.settings = properties.timers();
  }

  /** Fires what is due now; returns how many timers were due. */
  public int fireDue() throws InterruptedException {
    List<Envelope> due =
        timers.due(clock.instant(), settings.batchSize()).stream()
            .map(t -> new Envelope(t.runId(), new RunEvent.TimerFired(t.key())))
            .toList();
    if (!due.isEmpty()) {
      processor.apply(due);
    }
    if (due.size() < settings.batchSize()) {
      Thread.sleep(settings.poll());
    }
    return due.size();
  }
}
