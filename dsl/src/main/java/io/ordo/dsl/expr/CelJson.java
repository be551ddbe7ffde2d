package io.ordo.dsl.expr;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between JSON trees and the values CEL's runtime works with: maps, lists, Long, Double,
 * String, Boolean and NullValue.
 */
final class CelJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private CelJson() {}

  static Object toCel(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> new JsonObjectView(node);
      case ARRAY -> new JsonArrayView(node);
      case STRING -> node.stringValue();
      case BOOLEAN -> node.booleanValue();
      case NUMBER -> number(node);
      case BINARY, POJO -> node.asString();
      case NULL, MISSING -> NullValue.NULL_VALUE;
    };
  }

  /** JSON integers become CEL ints; one too large for a long can only be a double in CEL. */
  private static Object number(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    return node.doubleValue();
  }

  /**
   * @param source the expression, named in the error when the value has no JSON form
   */
  static JsonNode toJson(Object value, String source) {
    return switch (value) {
      case JsonObjectView view -> view.node().deepCopy();
      case JsonArrayView view -> view.node().deepCopy();
      case String text -> JSON.stringNode(text);
      case Boolean bool -> JSON.booleanNode(bool);
      // Small numbers as int nodes, so results compare equal to what Jackson parses from JSON text.
      case Long number when number == number.intValue() -> JSON.numberNode(number.intValue());
      case Long number -> JSON.numberNode(number);
      case Integer number -> JSON.numberNode(number);
      case Double number -> finite(number, source);
      case UnsignedLong number -> JSON.numberNode(number.bigIntegerValue());
      case NullValue ignored -> JSON.nullNode();
      case Map<?, ?> map -> object(map, source);
      case List<?> list -> array(list, source);
      case CelByteString bytes ->
          JSON.stringNode(Base64.getEncoder().encodeToString(bytes.toByteArray()));
      case Instant instant -> JSON.stringNode(instant.toString());
      case Duration duration -> JSON.stringNode(seconds(duration));
      default ->
          throw new ExpressionException(
              "expression '"
                  + source
                  + "' produced a "
                  + value.getClass().getSimpleName()
                  + ", which has no JSON form");
    };
  }

  /** Text for interpolation: strings as they are, anything else as compact JSON. */
  static String toText(Object value, String source) {
    return value instanceof String text ? text : toJson(value, source).toString();
  }

  private static JsonNode finite(double number, String source) {
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      throw new ExpressionException(
          "expression '" + source + "' produced " + number + ", which JSON cannot represent");
    }
    return JSON.numberNode(number);
  }

  private static ObjectNode object(Map<?, ?> map, String source) {
    ObjectNode object = JSON.objectNode();
    map.forEach((key, member) -> object.set(String.valueOf(key), toJson(member, source)));
    return object;
  }

  private static ArrayNode array(List<?> list, String source) {
    ArrayNode array = JSON.arrayNode(list.size());
    list.forEach(element -> array.add(toJson(element, source)));
    return array;
  }

  /** The protobuf JSON form of a duration, which is also what CEL's string() gives. */
  private static String seconds(Duration duration) {
    BigDecimal seconds =
        BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    return seconds.stripTrailingZeros().toPlainString() + "s";
  }
}
