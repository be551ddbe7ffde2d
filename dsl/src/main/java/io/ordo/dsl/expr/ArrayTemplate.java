package io.ordo.dsl.expr;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** A list whose elements are templates. */
record ArrayTemplate(List<CompiledTemplate> elements) implements CompiledTemplate {

  ArrayTemplate {
    elements = List.copyOf(elements);
  }

  @Override
  public JsonNode render(Variables variables) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode(elements.size());
    for (CompiledTemplate element : elements) {
      array.add(element.render(variables));
    }
    return array;
  }
}
