package io.ordo.dsl.expr;

import tools.jackson.databind.JsonNode;

/** A {@link Template} built elsewhere (a test double, say) nested inside one built here. */
record ForeignTemplate(Template template) implements CompiledTemplate {

  @Override
  public JsonNode render(Variables variables) {
    return template.evaluate(variables.bindings());
  }
}
