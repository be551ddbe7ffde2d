package io.ordo.worker.protocol;

import java.lang.reflect.RecordComponent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Rejects a message that lacks a field its record requires.
 *
 * <p>Jackson would bind a missing field to {@code null} or {@code 0}; the wire records' nullness
 * annotations already say which fields may be absent, so they are the one source of that rule.
 */
final class RequiredFields {

  private RequiredFields() {}

  static void check(JsonNode node, Class<?> type) {
    check(node, type, "");
  }

  private static void check(JsonNode node, Class<?> type, String path) {
    if (!type.isRecord()) {
      return;
    }
    if (!node.isObject()) {
      String what = path.isEmpty() ? "the message" : "field '" + path + "'";
      throw new MalformedMessageException(
          what + " must be a JSON object but was " + JsonShapes.describe(node));
    }
    for (RecordComponent component : type.getRecordComponents()) {
      String fieldPath = path.isEmpty() ? component.getName() : path + "." + component.getName();
      JsonNode value = node.get(component.getName());
      if (isAbsent(value, component)) {
        if (!component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
          throw new MalformedMessageException("missing field '" + fieldPath + "'");
        }
      } else {
        check(value, component.getType(), fieldPath);
      }
    }
  }

  /**
   * JSON {@code null} is a value for a field that holds arbitrary JSON, and absence for any other
   * field.
   */
  private static boolean isAbsent(@Nullable JsonNode value, RecordComponent component) {
    return value == null
        || value.isMissingNode()
        || (value.isNull() && component.getType() != JsonNode.class);
  }
}
