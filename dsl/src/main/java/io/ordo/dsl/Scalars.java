package io.ordo.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the typed settings of the DSL from YAML scalars. Each reader returns null after adding a
 * violation of the form "{key} must be …, got '…'", so the caller just carries on.
 */
final class Scalars {

  private static final Pattern WHOLE_NUMBER = Pattern.compile("\\+?[0-9]{1,10}");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final int MAX_SHOWN = 40;

  private final Violations violations;

  Scalars(Violations violations) {
    this.violations = violations;
  }

  /** How a value looks in a message: 'text', a mapping, a list, an empty list, or nothing. */
  static String describe(Node node) {
    return switch (node) {
      case MappingNode ignored -> "a mapping";
      case SequenceNode sequence when sequence.getValue().isEmpty() -> "an empty list";
      case SequenceNode ignored -> "a list";
      case ScalarNode scalar when isNull(scalar) && scalar.getValue().isEmpty() -> "nothing";
      case ScalarNode scalar -> "'" + shorten(scalar.getValue()) + "'";
      default -> "an unsupported YAML node";
    };
  }

  static boolean isNull(ScalarNode scalar) {
    return scalar.getTag().equals(Tag.NULL);
  }

  @Nullable String text(Node node, String path) {
    if (node instanceof ScalarNode scalar && !isNull(scalar)) {
      return scalar.getValue();
    }
    return reject(path, node, "text");
  }

  /** Text matching {@code pattern}; {@code hint} says in words what that allows. */
  @Nullable String matching(Node node, String path, Pattern pattern, String hint) {
    if (node instanceof ScalarNode scalar
        && !isNull(scalar)
        && pattern.matcher(scalar.getValue()).matches()) {
      return scalar.getValue();
    }
    violations.add(
        path,
        node,
        YamlPath.lastKey(path)
            + " must match "
            + pattern.pattern()
            + " ("
            + hint
            + "), got "
            + describe(node));
    return null;
  }

  @Nullable Duration duration(Node node, String path) {
    String what = "a duration such as " + Durations.EXAMPLES;
    Optional<Duration> duration =
        node instanceof ScalarNode scalar ? Durations.parse(scalar.getValue()) : Optional.empty();
    if (duration.isEmpty()) {
      return reject(path, node, what);
    }
    if (duration.get().isZero()) {
      return reject(path, node, "a duration longer than zero, such as " + Durations.EXAMPLES);
    }
    return duration.get();
  }

  @Nullable Integer wholeNumber(Node node, String path, int min) {
    if (node instanceof ScalarNode scalar && WHOLE_NUMBER.matcher(scalar.getValue()).matches()) {
      long value = Long.parseLong(scalar.getValue());
      if (value >= min && value <= Integer.MAX_VALUE) {
        return (int) value;
      }
    }
    return reject(path, node, "a whole number ≥ " + min);
  }

  /** A number in [min, max]; {@code what} names the range as the message should. */
  @Nullable Double number(Node node, String path, double min, double max, String what) {
    if (node instanceof ScalarNode scalar && DECIMAL.matcher(scalar.getValue()).matches()) {
      double value = Double.parseDouble(scalar.getValue());
      if (value >= min && value <= max) {
        return value;
      }
    }
    return reject(path, node, what);
  }

  /** A list of non-empty strings, each checked on its own so all bad entries are reported. */
  @Nullable List<String> textList(Node node, String path, String what) {
    if (!(node instanceof SequenceNode sequence)) {
      return reject(path, node, what);
    }
    List<String> values = new ArrayList<>();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (item instanceof ScalarNode scalar && !isNull(scalar) && !scalar.getValue().isBlank()) {
        values.add(scalar.getValue());
      } else {
        violations.add(
            YamlPath.index(path, i),
            item,
            "each entry of " + YamlPath.lastKey(path) + " must be a name, got " + describe(item));
      }
    }
    return values.size() == items.size() ? values : null;
  }

  private <T> @Nullable T reject(String path, Node node, String what) {
    violations.add(
        path, node, YamlPath.lastKey(path) + " must be " + what + ", got " + describe(node));
    return null;
  }

  private static String shorten(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
  }
}
