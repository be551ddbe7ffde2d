package io.ordo.dsl;

import io.ordo.dsl.expr.Bindings;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bindings built from JSON text, for tests. */
final class TestBindings {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private TestBindings() {}

  static Bindings empty() {
    return new Bindings(JSON.createObjectNode(), Map.of(), JSON.createObjectNode());
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
