package io.ordo.orchestrator.service;

import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.service.Work.Done;
import io.ordo.orchestrator.store.JdbcWatermarks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.springframework.stereotype.Component;

/**
 * Fires due timers and delivers parents' requests: asks the transition queue for a sweep, which
 * locks due runs no one else holds ({@code SKIP LOCKED}), so every instance sweeps side by side.
 * Sleeps until the next timer this instance set, or an idle poll, whichever comes first. Also keeps
 * the result watermarks: publishes this instance's, reads the others'.
 */
@Component
public class TimerPoller {

  /** How often to look again while the results read lag behind the clock. */
  private static final Duration CATCHING_UP = Duration.ofMillis(100);

  private final TransitionQueue queue;
  private final TimerWakeups wakeups;
  private final ResultWatermark watermark;
  private final JdbcWatermarks watermarks;
  private final InstanceIdentity instance;
  private final Clock clock;
  private final OrdoProperties.Timers settings;
  private final Duration membersHeardWithin;
  private Instant nextPublish = Instant.MIN;

  public TimerPoller(
      TransitionQueue queue,
      TimerWakeups wakeups,
      ResultWatermark watermark,
      JdbcWatermarks watermarks,
      InstanceIdentity instance,
      Clock clock,
      OrdoProperties properties) {
    this.queue = queue;
    this.wakeups = wakeups;
    this.watermark = watermark;
    this.watermarks = watermarks;
    this.instance = instance;
    this.clock = clock;
    this.settings = properties.timers();
    this.membersHeardWithin = properties.kafka().sessionTimeout().multipliedBy(2);
  }

  /** Fires what is due now, then waits for the next timer or the idle poll. */
  public void fireDue() throws InterruptedException, ExecutionException {
    keepWatermarks();
    Instant upTo = watermark.dueUpTo(clock.instant());
    List<Done> done = queue.submit(List.of(new Work.Sweep(settings.batchSize()))).get();
    int swept = done.getFirst() instanceof Done.Swept s ? s.runs() : 0;
    if (swept >= settings.batchSize()) {
      return;
    }
    boolean heldBack = upTo == null || wakeups.swept(upTo);
    if (heldBack && watermark.local() != null) {
      Thread.sleep(CATCHING_UP); // a timer is due but results are still being read: soon
    } else {
      wakeups.await(settings.poll().toMillis());
    }
  }

  private void keepWatermarks() {
    Instant now = clock.instant();
    if (now.isBefore(nextPublish)) {
      return;
    }
    nextPublish = now.plus(settings.idlePoll());
    Instant mine = watermark.local();
    if (mine != null) {
      watermarks.publish(instance.id(), mine, now);
    }
    watermark.others(
        watermarks.lowestOfOthers(instance.id(), now, membersHeardWithin).orElse(null));
  }
}
