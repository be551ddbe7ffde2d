package io.ordo.dsl;

import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.FailStep;
import io.ordo.dsl.model.SucceedStep;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Reads the steps that end where they stand: fail with an error, or succeed with an output. */
final class EndReader {

  static final Pattern ERROR_TYPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  private static final Template NO_MESSAGE =
      Template.literal(JsonNodeFactory.instance.stringNode(""));

  private final ReadContext context;
  private final Violations violations;

  EndReader(ReadContext context) {
    this.context = context;
    this.violations = context.violations();
  }

  @Nullable KindPart fail(YamlMap step, Position here) {
    Node node = step.get("fail");
    if (!(node instanceof MappingNode)) {
      violations.add(
          step.path("fail"),
          node,
          "fail must be a mapping such as {error: OrderRejected, message: …}, got "
              + Scalars.describe(node));
      return null;
    }
    YamlMap map = YamlMap.read(node, step.path("fail"), "fail", violations);
    if (map == null) {
      return null;
    }
    map.rejectUnknownKeys(List.of("error", "message"));
    Node errorNode = map.require("error");
    String error =
        errorNode == null
            ? null
            : context
                .scalars()
                .matching(
                    errorNode,
                    map.path("error"),
                    ERROR_TYPE,
                    "letters, digits, '_' and '.', not starting with a digit, such as"
                        + " OrderRejected");
    Template message = message(map, here);
    if (error == null || message == null) {
      return null;
    }
    return (id, options) -> new FailStep(id, error, message, options);
  }

  /** Text, whatever YAML type its scalar has, so {@code message: 404} is the text "404". */
  private @Nullable Template message(YamlMap map, Position here) {
    Node node = map.get("message");
    if (node == null) {
      return NO_MESSAGE;
    }
    if (node instanceof ScalarNode scalar && !Scalars.isNull(scalar)) {
      return context.templates().text(scalar, map.path("message"), here);
    }
    violations.add(
        map.path("message"), node, "message must be text, got " + Scalars.describe(node));
    return null;
  }

  @Nullable KindPart succeed(YamlMap step, Position here) {
    Node node = step.get("succeed");
    if (node instanceof ScalarNode scalar && Scalars.isNull(scalar)) {
      return (id, options) -> new SucceedStep(id, null, options);
    }
    if (!(node instanceof MappingNode)) {
      violations.add(
          step.path("succeed"),
          node,
          "succeed must be empty or a mapping such as {output: …}, got " + Scalars.describe(node));
      return null;
    }
    YamlMap map = YamlMap.read(node, step.path("succeed"), "succeed", violations);
    if (map == null) {
      return null;
    }
    map.rejectUnknownKeys(List.of("output"));
    Node outputNode = map.get("output");
    if (outputNode == null) {
      return (id, options) -> new SucceedStep(id, null, options);
    }
    Template output = context.templates().read(outputNode, map.path("output"), here);
    return output == null ? null : (id, options) -> new SucceedStep(id, output, options);
  }
}
