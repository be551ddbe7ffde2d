package io.ordo.orchestrator.service;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Wakes this process's outbox relay as soon as a transaction that wrote outbox rows commits, so a
 * dispatch leaves within milliseconds instead of waiting for the next poll.
 */
@Component
public class OutboxSignal {

  private final Semaphore pending = new Semaphore(0);

  public void wake() {
    if (pending.availablePermits() == 0) {
      pending.release();
    }
  }

  /** Waits until woken or the timeout passes. */
  public void await(Duration timeout) throws InterruptedException {
    if (pending.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      pending.drainPermits();
    }
  }
}
