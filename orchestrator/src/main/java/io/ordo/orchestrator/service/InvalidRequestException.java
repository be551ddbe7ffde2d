package io.ordo.orchestrator.service;

import java.util.List;

/** A request whose content is wrong in the listed ways; the API answers 400 with all of them. */
public final class InvalidRequestException extends RuntimeException {

  private final List<?> errors;

  public InvalidRequestException(String message, List<?> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  public List<?> errors() {
    return errors;
  }
}
