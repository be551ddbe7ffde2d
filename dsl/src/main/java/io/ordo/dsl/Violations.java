package io.ordo.dsl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Collects the violations of one parse, so that every problem is reported at once rather than the
 * first one only. Lives for a single call of {@link WorkflowParser#parse}.
 */
final class Violations {

  /** The path of a violation about the document as a whole. */
  static final String DOCUMENT = "$";

  private final List<Violation> found = new ArrayList<>();

  void add(String path, Node at, String message) {
    add(path, at.getStartMark().orElse(null), message);
  }

  void add(String path, @Nullable Mark at, String message) {
    int line = at == null ? 1 : at.getLine() + 1;
    int column = at == null ? 1 : at.getColumn() + 1;
    found.add(new Violation(path.isEmpty() ? DOCUMENT : path, line, column, message));
  }

  void add(Violation violation) {
    found.add(violation);
  }

  int count() {
    return found.size();
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** In document order, which is how a person fixes them. */
  List<Violation> inDocumentOrder() {
    return found.stream()
        .sorted(Comparator.comparingInt(Violation::line).thenComparingInt(Violation::column))
        .toList();
  }
}
