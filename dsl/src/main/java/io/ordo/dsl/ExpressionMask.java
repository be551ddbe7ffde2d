package io.ordo.dsl;

import io.ordo.dsl.expr.Placeholders;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Lets an unquoted {@code ${ … }} stand where YAML would otherwise read its braces, commas or
 * colons as structure, e.g. {@code input: {paymentId: ${ steps.pay.output.id }}} — the form the
 * Ordo docs use. Before parsing, those characters inside a placeholder (closed on the same line)
 * are swapped one-for-one with private-use characters, so lines and columns do not move; after
 * composing, the scalars get them back. A document that already holds such characters is left alone
 * and parses as plain YAML.
 */
final class ExpressionMask {

  private static final String INDICATORS = "{}[],:#";
  private static final char BASE = '\uE000';
  private static final char LAST = '\uE07F';

  private ExpressionMask() {}

  /** The text to parse: {@code yaml} itself when it has no placeholder to protect. */
  static String mask(String yaml) {
    int start = yaml.indexOf("${");
    if (start < 0 || hasMaskCharacters(yaml)) {
      return yaml;
    }
    char[] text = yaml.toCharArray();
    while (start >= 0) {
      int close = Placeholders.closingBrace(yaml, start + 2, lineEnd(yaml, start));
      if (close < 0) {
        start = yaml.indexOf("${", start + 2);
        continue;
      }
      for (int i = start; i <= close; i++) {
        if (INDICATORS.indexOf(text[i]) >= 0) {
          text[i] = (char) (BASE + text[i]);
        }
      }
      start = yaml.indexOf("${", close + 1);
    }
    return new String(text);
  }

  static String unmask(String text) {
    if (!hasMaskCharacters(text)) {
      return text;
    }
    StringBuilder plain = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean masked = c >= BASE && c <= LAST && INDICATORS.indexOf(c - BASE) >= 0;
      plain.append(masked ? (char) (c - BASE) : c);
    }
    return plain.toString();
  }

  /** Gives every scalar under {@code root} its real characters back, in place. */
  static Node unmask(Node root) {
    return restore(root, new IdentityHashMap<>());
  }

  private static Node restore(Node node, Map<Node, Node> done) {
    Node known = done.get(node);
    if (known != null) {
      return known;
    }
    done.put(node, node); // before the children: an alias may lead back here
    switch (node) {
      case ScalarNode scalar -> {
        Node plain = plainScalar(scalar);
        done.put(node, plain);
        return plain;
      }
      case SequenceNode sequence -> sequence.getValue().replaceAll(child -> restore(child, done));
      case MappingNode mapping -> {
        List<NodeTuple> tuples = new ArrayList<>(mapping.getValue().size());
        for (NodeTuple tuple : mapping.getValue()) {
          tuples.add(
              new NodeTuple(
                  restore(tuple.getKeyNode(), done), restore(tuple.getValueNode(), done)));
        }
        mapping.setValue(tuples);
      }
      default -> {}
    }
    return node;
  }

  private static Node plainScalar(ScalarNode scalar) {
    String value = unmask(scalar.getValue());
    if (value.equals(scalar.getValue())) {
      return scalar;
    }
    return new ScalarNode(
        scalar.getTag(),
        scalar.isResolved(),
        value,
        scalar.getScalarStyle(),
        scalar.getStartMark(),
        scalar.getEndMark());
  }

  private static boolean hasMaskCharacters(String text) {
    return text.chars().anyMatch(c -> c >= BASE && c <= LAST);
  }

  private static int lineEnd(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
        return i;
      }
    }
    return text.length();
  }
}
