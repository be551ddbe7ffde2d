package io.ordo.orchestrator.engine;

import org.jspecify.annotations.Nullable;

/**
 * Names a durable timer of a run. The key is deterministic, so scheduling the same timer again
 * moves it, and a timer for an attempt that has since moved on is recognised as stale.
 */
public record TimerKey(Kind kind, @Nullable String stepId, int attempt) {

  public enum Kind {
    /** An attempt did not report in time. */
    ATTEMPT_TIMEOUT,
    /** A backoff is over: the next attempt is due. */
    RETRY,
    /** The whole run did not finish in time. */
    RUN_TIMEOUT,
    /** A {@code wait} step is over. */
    WAIT,
    /** A step without attempts (a branch, a wait for a signal, …) did not finish in time. */
    STEP_TIMEOUT,
    /** The parent run asks this child run to stop; set by the parent, due at once. */
    CANCEL,
    /**
     * The parent run asks this completed child run to compensate itself; {@code stepId} and {@code
     * attempt} name the parent's compensation attempt that waits for it.
     */
    COMPENSATE
  }

  public static final TimerKey RUN_TIMEOUT = new TimerKey(Kind.RUN_TIMEOUT, null, 0);
  public static final TimerKey CANCEL = new TimerKey(Kind.CANCEL, null, 0);

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

  /** The timer a parent sets on its child run to have it compensated. */
  public static TimerKey compensate(ParentLink requester) {
    return new TimerKey(Kind.COMPENSATE, requester.stepId(), requester.attempt());
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
