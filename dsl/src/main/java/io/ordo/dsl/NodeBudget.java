package io.ordo.dsl;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Measures a composed document as the readers will walk it, with every alias expanded. Aliases make
 * a small text stand for an exponentially large tree ("billion laughs") or a cycle; both are
 * rejected here, once, so that everything after can walk the tree recursively without guards. So is
 * a value holding U+0000 (YAML's {@code "\0"}), which PostgreSQL cannot store.
 */
final class NodeBudget {

  static final long MAX_NODES = 100_000;
  static final int MAX_DEPTH = 128;

  /**
   * Each expression is compiled and type-checked at deploy time: a bound on the work of a deploy.
   */
  static final long MAX_EXPRESSIONS = 2_000;

  private record Size(long nodes, int depth, long expressions) {}

  private final Map<Node, Size> measured = new IdentityHashMap<>();
  private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();
  private @Nullable Node cycle;
  private @Nullable Node unstorable;

  private NodeBudget() {}

  /** Adds a violation and answers false when the expanded document is cyclic or too large. */
  static boolean withinLimits(Node root, Violations violations) {
    NodeBudget budget = new NodeBudget();
    Size size = budget.measure(root);
    if (budget.cycle != null) {
      violations.add(
          Violations.DOCUMENT,
          budget.cycle,
          "an alias refers to a collection that contains it; recursive structures are not allowed");
      return false;
    }
    if (size.expressions() > MAX_EXPRESSIONS && size.nodes() <= MAX_NODES) {
      violations.add(
          Violations.DOCUMENT,
          root,
          "the definition holds "
              + size.expressions()
              + " ${ … } expressions once its aliases are expanded; at most "
              + MAX_EXPRESSIONS
              + " are allowed");
      return false;
    }
    if (size.nodes() > MAX_NODES || size.depth() > MAX_DEPTH) {
      violations.add(
          Violations.DOCUMENT,
          root,
          "the document is too large once its aliases are expanded (at most "
              + MAX_NODES
              + " values, nested at most "
              + MAX_DEPTH
              + " deep)");
      return false;
    }
    if (budget.unstorable != null) {
      violations.add(
          Violations.DOCUMENT,
          budget.unstorable,
          "a value holds U+0000 (\\0), which Ordo cannot store; remove it");
      return false;
    }
    return true;
  }

  private Size measure(Node node) {
    Size known = measured.get(node);
    if (known != null) {
      return known;
    }
    if (inProgress.put(node, Boolean.TRUE) != null) {
      cycle = node;
      return new Size(MAX_NODES + 1, MAX_DEPTH + 1, 0);
    }
    long nodes = 1;
    int depth = 0;
    long expressions = node instanceof ScalarNode scalar ? expressionsIn(scalar.getValue()) : 0;
    if (unstorable == null
        && node instanceof ScalarNode scalar
        && scalar.getValue().indexOf(0) >= 0) {
      unstorable = node;
    }
    for (Node child : children(node)) {
      Size size = cycle == null ? measure(child) : new Size(0, 0, 0);
      nodes = Math.min(nodes + size.nodes(), MAX_NODES + 1); // saturate: no overflow on bombs
      depth = Math.max(depth, size.depth());
      expressions = Math.min(expressions + size.expressions(), MAX_NODES * 10);
    }
    inProgress.remove(node);
    Size size = new Size(nodes, depth + 1, expressions);
    measured.put(node, size);
    return size;
  }

  private static long expressionsIn(String text) {
    long count = 0;
    for (int at = text.indexOf("${"); at >= 0; at = text.indexOf("${", at + 2)) {
      count++;
    }
    return count;
  }

  private static Iterable<Node> children(Node node) {
    return switch (node) {
      case SequenceNode sequence -> sequence.getValue();
      case MappingNode mapping ->
          mapping.getValue().stream()
              .flatMap((NodeTuple t) -> Stream.of(t.getKeyNode(), t.getValueNode()))
              .toList();
      default -> List.of();
    };
  }
}
