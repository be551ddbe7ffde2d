package io.ordo.orchestrator.service;

/** Something named in a request does not exist; the API answers 404 with this message. */
public final class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
