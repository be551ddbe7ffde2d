package io.ordo.dsl;

/**
 * One thing wrong with a workflow definition.
 *
 * @param path where in the YAML, as {@code steps[1].retry.maxAttempts}
 * @param line 1-based line, 0 when the document has none (empty input)
 * @param column 1-based column
 */
public record Violation(String path, int line, int column, String message) {

  @Override
  public String toString() {
    return path + " (line " + line + ", column " + column + "): " + message;
  }
}
