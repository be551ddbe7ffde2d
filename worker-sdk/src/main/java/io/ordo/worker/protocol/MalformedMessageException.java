package io.ordo.worker.protocol;

/**
 * A message that is not a valid protocol record; the message says what is wrong, for a dead-letter
 * reason.
 */
public final class MalformedMessageException extends RuntimeException {

  public MalformedMessageException(String reason, Throwable cause) {
    super(reason, cause);
  }

  public MalformedMessageException(String reason) {
    super(reason);
  }
}
