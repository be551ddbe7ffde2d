package io.ordo.worker.protocol;

import java.time.temporal.Temporal;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;

/**
 * Words for JSON values and for the shapes Java types expect, used in the reasons given for
 * malformed messages.
 */
final class JsonShapes {

  private static final int MAX_SNIPPET = 60;

  private JsonShapes() {}

  static String describe(JsonNode node) {
    String kind =
        switch (node.getNodeType()) {
          case STRING -> "a string";
          case NUMBER -> "a number";
          case BOOLEAN -> "a boolean";
          case OBJECT -> "an object";
          case ARRAY -> "an array";
          case NULL -> "null";
          default -> node.getNodeType().name().toLowerCase();
        };
    String text = node.toString();
    return node.isContainer() || node.isNull()
        ? kind
        : kind
            + " ("
            + (text.length() > MAX_SNIPPET ? text.substring(0, MAX_SNIPPET) + "…" : text)
            + ")";
  }

  static String expected(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 timestamp such as \"2025-01-31T12:00:00Z\"";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    return type.isRecord() ? "an object" : "a " + type.getSimpleName();
  }
}
