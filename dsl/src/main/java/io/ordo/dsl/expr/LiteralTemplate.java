package io.ordo.dsl.expr;

import tools.jackson.databind.JsonNode;

/**
 * A value with no expressions. Jackson trees are mutable, so the value is copied in and copied out:
 * no caller can change what later evaluations return.
 */
record LiteralTemplate(JsonNode value) implements CompiledTemplate {

  LiteralTemplate {
    value = value.deepCopy();
  }

  @Override
  public JsonNode render(Variables variables) {
    return value.deepCopy();
  }

  @Override
  public JsonNode value() {
    return value.deepCopy();
  }
}
