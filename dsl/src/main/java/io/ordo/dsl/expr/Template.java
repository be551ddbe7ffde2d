package io.ordo.dsl.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON value from the DSL in which strings may hold {@code ${ … }} expressions. A string that is
 * exactly one expression keeps the expression's JSON type; an expression inside a longer string is
 * interpolated as text.
 *
 * <p>Templates built by this package are immutable and safe to share between threads; every
 * evaluation returns a fresh tree the caller may change.
 */
public interface Template {

  /**
   * @throws ExpressionException when an expression fails at run time (no such key, wrong type, cost
   *     limit exceeded): the step that needed the value fails with that error
   */
  JsonNode evaluate(Bindings bindings);

  /** A template without expressions: evaluates to a copy of {@code value}. */
  static Template literal(JsonNode value) {
    return new LiteralTemplate(value);
  }

  /** An object whose members are templates; all-literal members fold into one literal. */
  static Template object(Map<String, ? extends Template> members) {
    List<ObjectTemplate.Member> compiled = new ArrayList<>();
    members.forEach(
        (name, value) -> compiled.add(new ObjectTemplate.Member(name, CompiledTemplate.of(value))));
    if (compiled.stream().allMatch(m -> m.value() instanceof LiteralTemplate)) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      compiled.forEach(m -> object.set(m.name(), ((LiteralTemplate) m.value()).value()));
      return new LiteralTemplate(object);
    }
    return new ObjectTemplate(compiled);
  }

  /** An array whose elements are templates; all-literal elements fold into one literal. */
  static Template array(List<? extends Template> elements) {
    List<CompiledTemplate> compiled = elements.stream().map(CompiledTemplate::of).toList();
    if (compiled.stream().allMatch(e -> e instanceof LiteralTemplate)) {
      var array = JsonNodeFactory.instance.arrayNode(compiled.size());
      compiled.forEach(e -> array.add(((LiteralTemplate) e).value()));
      return new LiteralTemplate(array);
    }
    return new ArrayTemplate(compiled);
  }
}
