package io.ordo.worker.protocol;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks shared by the wire records' constructors, so a record built in Java obeys the same rules
 * as one read from JSON.
 */
final class Required {

  private Required() {}

  static String text(@Nullable String value, String field) {
    Objects.requireNonNull(value, () -> field + " is required");
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  static int attempt(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be 1 or more, was " + attempt);
    }
    return attempt;
  }
}
