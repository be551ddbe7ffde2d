package io.ordo.orchestrator.service;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * When this instance next needs to fire timers: the earliest wake time its own transitions wrote,
 * so the timer poller sleeps until then instead of polling (timers set by other instances are found
 * by its idle poll).
 */
@Component
public class TimerWakeups {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition earlier = lock.newCondition();
  private final Clock clock;
  private @Nullable Instant next;

  public TimerWakeups(Clock clock) {
    this.clock = clock;
  }

  /** A transition committed a timer that fires at {@code at}. */
  public void wakeBy(Instant at) {
    lock.lock();
    try {
      if (next == null || at.isBefore(next)) {
        next = at;
        earlier.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the earliest known wake time has come, or {@code longestMillis} at most. */
  public void await(long longestMillis) throws InterruptedException {
    lock.lock();
    try {
      long until = clock.millis() + longestMillis;
      while (true) {
        long target = next == null ? until : Math.min(until, next.toEpochMilli());
        long wait = target - clock.millis();
        if (wait <= 0) {
          return;
        }
        earlier.await(wait, TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * A sweep fired every timer due up to {@code upTo}; true when a timer this instance knows of is
   * due by the clock but was held back (results are still being read), so the next sweep should
   * come soon.
   */
  public boolean swept(Instant upTo) {
    lock.lock();
    try {
      if (next != null && !next.isAfter(upTo)) {
        next = null;
      }
      return next != null && next.toEpochMilli() <= clock.millis();
    } finally {
      lock.unlock();
    }
  }
}
