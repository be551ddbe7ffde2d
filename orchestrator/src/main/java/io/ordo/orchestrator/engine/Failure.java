package io.ordo.orchestrator.engine;

import org.jspecify.annotations.Nullable;

/**
 * What went wrong: an error type a workflow can match on, a message for people, whether another
 * attempt could succeed, and the step it happened in (null for run-level failures).
 */
public record Failure(String type, String message, boolean retryable, @Nullable String stepId) {

  public static final String TIMEOUT = "Timeout";
  public static final String CANCELLED = "Cancelled";
  public static final String RUN_TIMED_OUT = "RunTimedOut";

  Failure inStep(String id) {
    return new Failure(type, message, retryable, id);
  }
}
