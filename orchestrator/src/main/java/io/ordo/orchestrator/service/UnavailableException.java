package io.ordo.orchestrator.service;

/** Ordo cannot serve the request now (the database is away, or too much is waiting); 503. */
public final class UnavailableException extends RuntimeException {

  public UnavailableException(String message) {
    super(message);
  }
}
