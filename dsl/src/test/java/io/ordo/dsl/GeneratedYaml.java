package io.ordo.dsl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A YAML tree built by a test, printed in block style or, node by node, in flow style. Keys may
 * repeat and scalars are printed as given (quotes included), as in a file a person wrote.
 */
sealed interface GeneratedYaml {

  record Scalar(String text) implements GeneratedYaml {}

  record Entry(String key, GeneratedYaml value) {}

  record Mapping(List<Entry> entries, boolean flow) implements GeneratedYaml {
    Mapping put(String key, GeneratedYaml value) {
      entries.add(new Entry(key, value));
      return this;
    }

    Mapping put(String key, String scalar) {
      return put(key, new Scalar(scalar));
    }
  }

  record Sequence(List<GeneratedYaml> items, boolean flow) implements GeneratedYaml {
    void add(GeneratedYaml item) {
      items.add(item);
    }
  }

  default String toYaml() {
    StringBuilder yaml = new StringBuilder();
    if (isBlock()) {
      block(this, 0, yaml);
    } else {
      yaml.append(flow(this)).append('\n');
    }
    return yaml.toString();
  }

  private boolean isBlock() {
    return switch (this) {
      case Mapping mapping -> !mapping.flow() && !mapping.entries().isEmpty();
      case Sequence sequence -> !sequence.flow() && !sequence.items().isEmpty();
      case Scalar scalar -> false;
    };
  }

  /** Prints a block collection whose first line continues the current one, e.g. after "- ". */
  private static void block(GeneratedYaml node, int indent, StringBuilder yaml) {
    boolean first = true;
    switch (node) {
      case Mapping mapping -> {
        for (Entry entry : mapping.entries()) {
          yaml.append(first ? "" : " ".repeat(indent)).append(entry.key()).append(':');
          value(entry.value(), indent + 2, yaml);
          first = false;
        }
      }
      case Sequence sequence -> {
        for (GeneratedYaml item : sequence.items()) {
          yaml.append(first ? "" : " ".repeat(indent)).append("- ");
          if (item.isBlock()) {
            block(item, indent + 2, yaml);
          } else {
            yaml.append(flow(item)).append('\n');
          }
          first = false;
        }
      }
      case Scalar scalar -> yaml.append(scalar.text()).append('\n');
    }
  }

  /** Prints the value of a mapping entry, right after the key's colon. */
  private static void value(GeneratedYaml value, int indent, StringBuilder yaml) {
    if (value.isBlock()) {
      yaml.append('\n').append(" ".repeat(indent));
      block(value, indent, yaml);
    } else {
      yaml.append(' ').append(flow(value)).append('\n');
    }
  }

  private static String flow(GeneratedYaml node) {
    return switch (node) {
      case Scalar scalar -> scalar.text();
      case Mapping mapping ->
          mapping.entries().stream()
              .map(entry -> entry.key() + ": " + flow(entry.value()))
              .collect(Collectors.joining(", ", "{", "}"));
      case Sequence sequence ->
          sequence.items().stream()
              .map(GeneratedYaml::flow)
              .collect(Collectors.joining(", ", "[", "]"));
    };
  }
}
