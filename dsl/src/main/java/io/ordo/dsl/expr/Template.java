package io.ordo.dsl.expr;

import tools.jackson.databind.JsonNode;

/**
 * A JSON value from the DSL in which strings may hold {@code ${ … }} expressions. A string that is
 * exactly one expression keeps the expression's JSON type; an expression inside a longer string is
 * interpolated as text.
 */
public interface Template {

  /**
   * @throws ExpressionException when an expression fails at run time (no such key, wrong type,
   *     cost limit exceeded): the step that needed the value fails with that error
   */
  JsonNode evaluate(Bindings bindings);
}
