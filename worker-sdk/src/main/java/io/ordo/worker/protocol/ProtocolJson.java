package io.ordo.worker.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads and writes the wire records as JSON, the same way on both sides of the protocol.
 *
 * <p>Reading is strict about what the protocol requires (fields present, types exact, no coercion
 * of {@code "1"} into {@code 1}) so a worker in another language learns of its mistakes from the
 * reason in the dead-letter topic, and lenient about what it does not (unknown fields are ignored,
 * so either side can add fields first).
 */
public final class ProtocolJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              config ->
                  config
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .changeDefaultPropertyInclusion(
              inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  private ProtocolJson() {}

  /** The mapper configured for the protocol; share it rather than building another. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /**
   * Reads one protocol record.
   *
   * @throws MalformedMessageException when the bytes are not JSON, lack a required field, or hold a
   *     field of the wrong type; its message says which
   */
  public static <T> T read(byte[] json, Class<T> type) {
    JsonNode tree = parse(json);
    RequiredFields.check(tree, type);
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new MalformedMessageException(
          "invalid " + type.getSimpleName() + ": " + cause.getMessage(), e);
    } catch (MismatchedInputException e) {
      throw new MalformedMessageException(wrongType(tree, e), e);
    } catch (JacksonException e) {
      throw new MalformedMessageException(
          "cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode parse(byte[] json) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new MalformedMessageException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new MalformedMessageException("not JSON: the message is empty");
    }
    return tree;
  }

  private static String wrongType(JsonNode tree, MismatchedInputException e) {
    List<JacksonException.Reference> path = e.getPath();
    String field =
        path.stream()
            .map(
                ref ->
                    ref.getPropertyName() != null
                        ? ref.getPropertyName()
                        : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    JsonNode actual = tree;
    for (JacksonException.Reference ref : path) {
      actual =
          ref.getPropertyName() != null
              ? actual.path(ref.getPropertyName())
              : actual.path(ref.getIndex());
    }
    String expected =
        e.getTargetType() != null ? JsonShapes.expected(e.getTargetType()) : "another type";
    return "field '" + field + "' must be " + expected + " but was " + JsonShapes.describe(actual);
  }
}
