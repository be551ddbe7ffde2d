package io.ordo.dsl.expr;

import tools.jackson.databind.JsonNode;

/**
 * The templates this package builds. Nested parts render against one {@link Variables}, so a
 * template with many expressions resolves its bindings once per evaluation.
 */
sealed interface CompiledTemplate extends Template
    permits LiteralTemplate,
        ExpressionTemplate,
        InterpolatedTemplate,
        ObjectTemplate,
        ArrayTemplate,
        ForeignTemplate {

  JsonNode render(Variables variables);

  @Override
  default JsonNode evaluate(Bindings bindings) {
    return render(new Variables(bindings));
  }

  static CompiledTemplate of(Template template) {
    return template instanceof CompiledTemplate compiled ? compiled : new ForeignTemplate(template);
  }
}
