package io.ordo.orchestrator.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A dependency checked in the background (see {@link ProbeLoops}); its health is the last check's
 * outcome, answered at once. Down carries the error and since when it has been down.
 */
abstract class DependencyProbe implements HealthIndicator {

  private final Clock clock;
  private final Duration timeout;
  private volatile Health last = Health.unknown().withDetail("reason", "not checked yet").build();
  private volatile Instant downSince;

  DependencyProbe(Clock clock, Duration timeout) {
    this.clock = clock;
    this.timeout = timeout;
  }

  /** Checks once, within the timeout; throws when the dependency cannot be used. */
  protected abstract void check(Duration timeout) throws Exception;

  /** What to show of a healthy dependency. */
  protected Health.Builder up() {
    return Health.up();
  }

  /** Called by the probe loop: checks and keeps the outcome. */
  final void probe() {
    long started = System.nanoTime();
    try {
      check(timeout);
      downSince = null;
      last = up().withDetail("checkMillis", (System.nanoTime() - started) / 1_000_000).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (downSince == null) {
        downSince = clock.instant();
      }
      last =
          Health.down()
              .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
              .withDetail("downSince", downSince.toString())
              .build();
      onFailure();
    }
  }

  /** Called after a failed check, to drop what the next check should not reuse. */
  protected void onFailure() {}

  @Override
  public Health health() {
    return last;
  }
}
