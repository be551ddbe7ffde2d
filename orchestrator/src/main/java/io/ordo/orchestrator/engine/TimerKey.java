package io.ordo.orchestrator.engine;

import org.jspecify.annotations.Nullable;

/**
 * Names a durable timer of a run. The key is deterministic, so scheduling the same timer again
 * moves it, and a timer for an attempt that has since moved on is recognised as stale.
 */
public record TimerKey(Kind kind, @Nullable String stepId, int attempt) {

  public enum Kind {
    ATTEMPT_TIMEOUT,
    RETRY,
    RUN_TIMEOUT
  }

  public static final TimerKey RUN_TIMEOUT = new TimerKey(Kind.RUN_TIMEOUT, null, 0);

  static TimerKey attemptTimeout(String stepId, int attempt) {
    return new TimerKey(Kind.ATTEMPT_TIMEOUT, stepId, attempt);
  }

  static TimerKey retry(String stepId, int attempt) {
    return new TimerKey(Kind.RETRY, stepId, attempt);
  }

  /** The key as stored: {@code ATTEMPT_TIMEOUT:validatePayment:2}, {@code RUN_TIMEOUT}. */
  public String id() {
    return stepId == null ? kind.name() : kind.name() + ":" + stepId + ":" + attempt;
  }

  public static TimerKey parse(String id) {
    String[] parts = id.split(":");
    Kind kind = Kind.valueOf(parts[0]);
    if (parts.length == 1) {
      return new TimerKey(kind, null, 0);
    }
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a timer key: " + id);
    }
    return new TimerKey(kind, parts[1], Integer.parseInt(parts[2]));
  }
}
