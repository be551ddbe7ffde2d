package io.ordo.dsl;

import java.math.BigInteger;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Turns YAML values into JSON, typing plain scalars by the YAML 1.2 core schema. */
final class YamlJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Violations violations;

  YamlJson(Violations violations) {
    this.violations = violations;
  }

  /** The JSON form of {@code node}, or null when some part of it has none (each one reported). */
  @Nullable JsonNode convert(Node node, String path) {
    return switch (node) {
      case MappingNode ignored -> object(node, path);
      case SequenceNode sequence -> array(sequence, path);
      case ScalarNode scalar -> scalar(scalar, path);
      default -> null;
    };
  }

  private @Nullable JsonNode object(Node node, String path) {
    YamlMap map = YamlMap.read(node, path, YamlPath.lastKey(path), violations);
    if (map == null) {
      return null;
    }
    int before = violations.count();
    ObjectNode object = JSON.objectNode();
    for (YamlMap.Entry entry : map.entries()) {
      String key = entry.key().getValue();
      JsonNode value = convert(entry.value(), map.path(key));
      if (value != null) {
        object.set(key, value);
      }
    }
    return violations.count() == before ? object : null;
  }

  private @Nullable JsonNode array(SequenceNode sequence, String path) {
    int before = violations.count();
    ArrayNode array = JSON.arrayNode();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      JsonNode element = convert(sequence.getValue().get(i), YamlPath.index(path, i));
      if (element != null) {
        array.add(element);
      }
    }
    return violations.count() == before ? array : null;
  }

  private @Nullable JsonNode scalar(ScalarNode scalar, String path) {
    JsonNode value = typed(scalar);
    if (value == null) {
      violations.add(path, scalar, "'" + scalar.getValue() + "' is not a number JSON can hold");
    }
    return value;
  }

  /** The JSON value of a scalar, or null for .inf and .nan, which JSON lacks. */
  static @Nullable JsonNode typed(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    String text = scalar.getValue();
    try {
      if (tag.equals(Tag.NULL)) {
        return JSON.nullNode();
      } else if (tag.equals(Tag.BOOL)) {
        return JSON.booleanNode(text.equalsIgnoreCase("true"));
      } else if (tag.equals(Tag.INT)) {
        return integer(text);
      } else if (tag.equals(Tag.FLOAT)) {
        return decimal(text);
      }
    } catch (NumberFormatException e) {
      // An explicit tag on text that is no such number (!!int abc): keep the text.
    }
    return JSON.stringNode(text);
  }

  private static JsonNode integer(String text) {
    String digits = text.startsWith("+") ? text.substring(1) : text;
    BigInteger value;
    if (digits.startsWith("0x")) {
      value = new BigInteger(digits.substring(2), 16);
    } else if (digits.startsWith("0o")) {
      value = new BigInteger(digits.substring(2), 8);
    } else {
      value = new BigInteger(digits);
    }
    // Small numbers as int nodes, so results compare equal to what Jackson parses from JSON text.
    if (value.bitLength() < Integer.SIZE) {
      return JSON.numberNode(value.intValue());
    }
    return value.bitLength() < Long.SIZE
        ? JSON.numberNode(value.longValue())
        : JSON.numberNode(value);
  }

  private static @Nullable JsonNode decimal(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".inf") || lower.equals(".nan")) {
      return null;
    }
    double value = Double.parseDouble(text);
    return Double.isInfinite(value) ? null : JSON.numberNode(value);
  }
}
