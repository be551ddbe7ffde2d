package io.ordo.dsl.expr;

import tools.jackson.databind.JsonNode;

/** A string that is exactly one {@code ${ … }}: the result keeps its JSON type. */
record ExpressionTemplate(Expression expression) implements CompiledTemplate {

  @Override
  public JsonNode render(Variables variables) {
    return CelJson.toJson(expression.evaluate(variables), expression.source());
  }
}
