package io.ordo.orchestrator.api;

/** A request body over Ordo's configured limit; the API answers 413. */
public final class PayloadTooLargeException extends RuntimeException {

  public PayloadTooLargeException(String message) {
    super(message);
  }
}
