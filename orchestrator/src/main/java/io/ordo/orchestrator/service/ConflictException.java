package io.ordo.orchestrator.service;

/** A request that the resource's current state does not allow; the API answers 409. */
public final class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
