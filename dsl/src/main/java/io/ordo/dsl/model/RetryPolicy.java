package io.ordo.dsl.model;

import java.time.Duration;
import java.util.Set;

/**
 * How often, and how far apart, a failed step is tried again. Backoff grows from {@code
 * initialInterval} by {@code multiplier} up to {@code maxInterval}; {@code jitter} spreads each
 * delay by up to that fraction either way. Error types in {@code nonRetryable} are never retried.
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialInterval,
    double multiplier,
    Duration maxInterval,
    double jitter,
    Set<String> nonRetryable) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.2, Set.of());

  /** One attempt and no retry: what steps without attempts of their own carry. */
  public static final RetryPolicy ONCE =
      new RetryPolicy(1, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.0, Set.of());

  public RetryPolicy {
    nonRetryable = Set.copyOf(nonRetryable);
  }

  public boolean allowsAnotherAttemptAfter(int attempt, String errorType) {
    return attempt < maxAttempts && !nonRetryable.contains(errorType);
  }

  /**
   * The wait before the attempt that follows {@code failedAttempt} (1-based).
   *
   * @param random a number in [0, 1) supplied by the caller, so that this stays deterministic
   */
  public Duration backoffAfter(int failedAttempt, double random) {
    double base = initialInterval.toMillis() * Math.pow(multiplier, failedAttempt - 1);
    double capped = Math.min(base, maxInterval.toMillis());
    double spread = capped * jitter * (2 * random - 1);
    return Duration.ofMillis(Math.max(0, Math.round(capped + spread)));
  }
}
