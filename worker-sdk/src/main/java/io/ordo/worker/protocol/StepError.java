package io.ordo.worker.protocol;

import java.util.Objects;

/**
 * Why an attempt failed.
 *
 * @param type a short name a workflow can match in {@code retry.nonRetryable} or {@code catch},
 *     e.g. {@code CardDeclined}
 * @param retryable false when trying again cannot help; the orchestrator then fails the step at
 *     once
 */
public record StepError(String type, String message, boolean retryable) {

  public StepError {
    Required.text(type, "type");
    Objects.requireNonNull(message, "message is required");
  }
}
