package io.ordo.dsl;

import io.ordo.dsl.expr.StepScope;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.FunctionStep;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the keys of a function step: the function to dispatch to, its input, and how long a
 * dispatch may wait for a worker ({@code startTimeout}, else {@code defaults.startTimeout}).
 */
final class FunctionStepReader {

  static final Pattern FUNCTION = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private static final Template EMPTY_INPUT =
      Template.literal(JsonNodeFactory.instance.objectNode());

  private final ReadContext context;

  FunctionStepReader(ReadContext context) {
    this.context = context;
  }

  @Nullable KindPart read(YamlMap map, Position here) {
    int before = context.violations().count();
    String function = function(map, context.scalars());
    Template input = input(map, context.templates(), here);
    Duration startTimeout = startTimeout(map, context);
    if (function == null || input == null || context.violations().count() > before) {
      return null;
    }
    return (id, options) -> new FunctionStep(id, function, input, options, startTimeout);
  }

  /** The call's own {@code startTimeout}, else the workflow's default (null: no limit). */
  static @Nullable Duration startTimeout(YamlMap map, ReadContext context) {
    Node node = map.get("startTimeout");
    return node == null
        ? context.defaults().startTimeout()
        : context.scalars().duration(node, map.path("startTimeout"));
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
