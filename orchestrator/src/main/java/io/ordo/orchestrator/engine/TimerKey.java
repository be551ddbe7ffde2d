package io.ordo.orchestrator.engine;

import org.jspecify.annotations.Nullable;

/**
 * Names a durable timer of a run. The key is deterministic, so scheduling the same timer again
 * moves it, and a timer for an attempt that has since moved on is recognised as stale.
 */
public record TimerKey(Kind kind, @Nullable String stepId, int attempt) {

  public enum Kind {
    /** An attempt was not started, or did not report, in time. */
    ATTEMPT_TIMEOUT,
    /** A backoff is over: the next attempt is due. */
    RETRY,
    /** The whole run did not finish in time. */
    RUN_TIMEOUT,
    /** A {@code wait} step is over. */
    WAIT,
    /** A step without attempts (a branch, a wait for a signal, …) did not finish in time. */
    STEP_TIMEOUT
  }

  public static final TimerKey RUN_TIMEOUT = new TimerKey(Kind.RUN_TIMEOUT, null, 0);

  static TimerKey attemptTimeout(String stepId, int attempt) {
    return new TimerKey(Kind.ATTEMPT_TIMEOUT, stepId, attempt);
  }

  static TimerKey retry(String stepId, int attempt) {
    return new TimerKey(Kind.RETRY, stepId, attempt);
  }

  static TimerKey waitOver(String stepId) {
    return new TimerKey(Kind.WAIT, stepId, 0);
  }

  static TimerKey stepTimeout(String stepId) {
    return new TimerKey(Kind.STEP_TIMEOUT, stepId, 0);
  }

  /** The key as stored: {@code ATTEMPT_TIMEOUT:validatePayment:2}, {@code RUN_TIMEOUT}. */
  public String id() {
    return stepId == null ? kind.name() : kind.name() + ":" + stepId + ":" + attempt;
  }

  /** Reads {@link #id()} back (step ids never hold {@code :}). */
  public static TimerKey parse(String id) {
    int first = id.indexOf(':');
    if (first < 0) {
      return new TimerKey(Kind.valueOf(id), null, 0);
    }
    int last = id.lastIndexOf(':');
    if (last == first) {
      throw new IllegalArgumentException("not a timer key: " + id);
    }
    return new TimerKey(
        Kind.valueOf(id.substring(0, first)),
        id.substring(first + 1, last),
        Integer.parseInt(id.substring(last + 1)));
  }
}
