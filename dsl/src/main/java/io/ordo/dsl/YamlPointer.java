package io.ordo.dsl;

import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Follows a JSON pointer (from a JSON Schema error) into the YAML it came from, so the violation
 * names the YAML path and points at the line of the offending value.
 */
final class YamlPointer {

  record Located(String path, Node node) {}

  private YamlPointer() {}

  /** The node at {@code pointer}, or the deepest one on the way when the rest is missing. */
  static Located locate(Node root, String rootPath, String pointer) {
    Node node = root;
    String path = rootPath;
    if (pointer.isEmpty()) {
      return new Located(path, node);
    }
    for (String token : pointer.substring(1).split("/", -1)) {
      String key = token.replace("~1", "/").replace("~0", "~");
      Node next = child(node, key);
      if (next == null) {
        break;
      }
      path =
          node instanceof SequenceNode
              ? YamlPath.index(path, Integer.parseInt(key))
              : YamlPath.child(path, key);
      node = next;
    }
    return new Located(path, node);
  }

  private static @Nullable Node child(Node node, String key) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return tuple.getValueNode();
        }
      }
    } else if (node instanceof SequenceNode sequence && key.matches("[0-9]{1,9}")) {
      int index = Integer.parseInt(key);
      return index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
    }
    return null;
  }
}
