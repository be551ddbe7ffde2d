package io.ordo.dsl.expr;

/** An expression that failed while being evaluated; its message says which and why. */
public final class ExpressionException extends RuntimeException {

  public static final String ERROR_TYPE = "ExpressionError";

  public ExpressionException(String message, Throwable cause) {
    super(message, cause);
  }

  public ExpressionException(String message) {
    super(message);
  }
}
