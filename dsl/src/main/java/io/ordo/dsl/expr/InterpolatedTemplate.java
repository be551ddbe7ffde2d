package io.ordo.dsl.expr;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Text with expressions inside it: always a string, non-string results written as JSON. */
record InterpolatedTemplate(List<Piece> pieces) implements CompiledTemplate {

  sealed interface Piece {}

  record Text(String text) implements Piece {}

  record Value(Expression expression) implements Piece {}

  InterpolatedTemplate {
    pieces = List.copyOf(pieces);
  }

  @Override
  public JsonNode render(Variables variables) {
    StringBuilder text = new StringBuilder();
    for (Piece piece : pieces) {
      switch (piece) {
        case Text literal -> text.append(literal.text());
        case Value value -> {
          Expression expression = value.expression();
          text.append(CelJson.toText(expression.evaluate(variables), expression.source()));
        }
      }
    }
    return JsonNodeFactory.instance.stringNode(text.toString());
  }
}
