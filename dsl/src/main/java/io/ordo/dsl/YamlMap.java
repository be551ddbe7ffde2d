package io.ordo.dsl;

import io.ordo.dsl.expr.Suggestion;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A YAML mapping read as an object of the DSL: string keys, each at most once. Duplicate and
 * non-string keys are reported when it is built; the first of two duplicates wins.
 */
final class YamlMap {

  record Entry(ScalarNode key, Node value) {}

  private final MappingNode node;
  private final String path;
  private final Violations violations;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private YamlMap(MappingNode node, String path, Violations violations) {
    this.node = node;
    this.path = path;
    this.violations = violations;
    for (NodeTuple tuple : node.getValue()) {
      index(tuple);
    }
  }

  /** The mapping at {@code node}, or null with a violation saying what {@code label} must be. */
  static @Nullable YamlMap read(Node node, String path, String label, Violations violations) {
    if (node instanceof MappingNode mapping) {
      return new YamlMap(mapping, path, violations);
    }
    violations.add(path, node, label + " must be a mapping, got " + Scalars.describe(node));
    return null;
  }

  private void index(NodeTuple tuple) {
    if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
      violations.add(
          path,
          tuple.getKeyNode(),
          "a key must be a string, got " + Scalars.describe(tuple.getKeyNode()));
      return;
    }
    Entry first = entries.get(key.getValue());
    if (first != null) {
      int line = first.key().getStartMark().map(m -> m.getLine() + 1).orElse(0);
      violations.add(
          path(key.getValue()),
          key,
          "duplicate key '" + key.getValue() + "'; it is already set on line " + line);
      return;
    }
    entries.put(key.getValue(), new Entry(key, tuple.getValueNode()));
  }

  MappingNode node() {
    return node;
  }

  /** Where this mapping is. */
  String path() {
    return path;
  }

  String path(String key) {
    return YamlPath.child(path, key);
  }

  Set<String> keys() {
    return entries.keySet();
  }

  Collection<Entry> entries() {
    return entries.values();
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  @Nullable Node get(String key) {
    Entry entry = entries.get(key);
    return entry == null ? null : entry.value();
  }

  ScalarNode keyNode(String key) {
    return entries.get(key).key();
  }

  /** The value of a key that must be present; a missing one is reported at this mapping. */
  @Nullable Node require(String key) {
    Node value = get(key);
    if (value == null) {
      violations.add(path(key), node, "missing required key '" + key + "'");
    }
    return value;
  }

  /** Reports every key not in {@code expected}, except those in {@code reportedElsewhere}. */
  void rejectUnknownKeys(List<String> expected, Collection<String> reportedElsewhere) {
    for (Entry entry : entries.values()) {
      String key = entry.key().getValue();
      if (!expected.contains(key) && !reportedElsewhere.contains(key)) {
        violations.add(
            path(key),
            entry.key(),
            "unknown key '"
                + key
                + "'; expected one of: "
                + String.join(", ", expected)
                + Suggestion.didYouMean(key, expected));
      }
    }
  }

  void rejectUnknownKeys(List<String> expected) {
    rejectUnknownKeys(expected, List.of());
  }
}
