package io.ordo.dsl;

/**
 * One thing wrong with a workflow definition.
 *
 * @param path where in the YAML, as {@code steps[1].retry.maxAttempts}
 * @param line 1-based line (an empty document is reported at line 1, column 1)
 * @param column 1-based column
 */
public record Violation(String path, int line, int column, String message) {

  @Override
  public String toString() {
    return path + " (line " + line + ", column " + column + "): " + message;
  }
}
