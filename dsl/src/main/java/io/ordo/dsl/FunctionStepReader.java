package io.ordo.dsl;

import io.ordo.dsl.expr.StepScope;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.FunctionStep;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import tools.jackson.databind.node.JsonNodeFactory;

/** Reads the keys of a function step: the function to dispatch to and its input. */
final class FunctionStepReader {

  static final Pattern FUNCTION = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private static final Template EMPTY_INPUT =
      Template.literal(JsonNodeFactory.instance.objectNode());

  private final ReadContext context;

  FunctionStepReader(ReadContext context) {
    this.context = context;
  }

  @Nullable KindPart read(YamlMap map, Position here) {
    String function = function(map, context.scalars());
    Template input = input(map, context.templates(), here);
    if (function == null || input == null) {
      return null;
    }
    return (id, options) -> new FunctionStep(id, function, input, options);
  }

  static @Nullable String function(YamlMap map, Scalars scalars) {
    Node function = map.require("function");
    return function == null
        ? null
        : scalars.matching(
            function,
            map.path("function"),
            FUNCTION,
            "lowercase letters, digits, '.', '_' and '-', such as payments.validate");
  }

  /** The {@code input} of a call, {@code {}} when there is none. */
  static @Nullable Template input(YamlMap map, TemplateReader templates, StepScope scope) {
    Node input = map.get("input");
    return input == null ? EMPTY_INPUT : templates.read(input, map.path("input"), scope);
  }
}
