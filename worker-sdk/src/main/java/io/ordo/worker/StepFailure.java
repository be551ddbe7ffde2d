package io.ordo.worker;

import io.ordo.worker.protocol.StepError;

/**
 * Thrown by a handler to fail the attempt with a typed error, e.g. {@code
 * StepFailure.nonRetryable("CardDeclined", "…")}.
 *
 * <p>The type is what a workflow's {@code retry.nonRetryable} and {@code catch} match on.
 */
public class StepFailure extends RuntimeException {

  private final String type;
  private final boolean retryable;

  protected StepFailure(String type, String message, boolean retryable) {
    super(message);
    if (type.isBlank()) {
      throw new IllegalArgumentException("a failure needs a type");
    }
    this.type = type;
    this.retryable = retryable;
  }

  /** A business failure that trying again cannot fix: the step fails at once. */
  public static StepFailure nonRetryable(String type, String message) {
    return new StepFailure(type, message, false);
  }

  /** A failure that may go away: the step is retried according to the workflow's retry policy. */
  public static StepFailure retryable(String type, String message) {
    return new StepFailure(type, message, true);
  }

  public String type() {
    return type;
  }

  public boolean retryable() {
    return retryable;
  }

  public StepError toError() {
    String message = getMessage();
    return new StepError(type, message == null ? "" : message, retryable);
  }
}
