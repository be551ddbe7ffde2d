package io.ordo.dsl;

import io.ordo.dsl.expr.Compilation;
import io.ordo.dsl.expr.Expecting;
import io.ordo.dsl.expr.ExpressionCompiler;
import io.ordo.dsl.expr.StepScope;
import io.ordo.dsl.expr.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import tools.jackson.databind.JsonNode;

/**
 * Reads a YAML value that may hold expressions (a step's input, the workflow's output) into a
 * {@link Template}, compiling each expression where it stands so errors point at its line.
 */
final class TemplateReader {

  private final ExpressionCompiler compiler;
  private final Violations violations;

  TemplateReader(ExpressionCompiler compiler, Violations violations) {
    this.compiler = compiler;
    this.violations = violations;
  }

  /**
   * One {@code ${ … }} and nothing else, giving {@code expecting}: an {@code if}, a {@code when}, a
   * forEach's items. Null when reported.
   *
   * @param example an expression of the kind expected, for the message about anything else
   */
  @Nullable Template expression(
      Node node, String path, StepScope scope, Expecting expecting, String example) {
    JsonNode value = node instanceof ScalarNode scalar ? YamlJson.typed(scalar) : null;
    if (value == null
        || !value.isString()
        || !ExpressionCompiler.isOneExpression(value.stringValue())) {
      violations.add(
          path,
          node,
          YamlPath.lastKey(path)
              + " must be one expression that gives "
              + expecting.words()
              + ", such as "
              + example
              + ", got "
              + Scalars.describe(node));
      return null;
    }
    return compiled(compiler.compile(value.stringValue(), scope, expecting), path, node);
  }

  /** The template, or null when some expression in it was reported. */
  @Nullable Template read(Node node, String path, StepScope scope) {
    return switch (node) {
      case MappingNode ignored -> object(node, path, scope);
      case SequenceNode sequence -> array(sequence, path, scope);
      case ScalarNode scalar -> scalar(scalar, path, scope);
      default -> null;
    };
  }

  private @Nullable Template object(Node node, String path, StepScope scope) {
    YamlMap map = YamlMap.read(node, path, YamlPath.lastKey(path), violations);
    if (map == null) {
      return null;
    }
    int before = violations.count();
    Map<String, Template> members = new LinkedHashMap<>();
    for (YamlMap.Entry entry : map.entries()) {
      String key = entry.key().getValue();
      if (key.contains("${")) {
        violations.add(
            map.path(key),
            entry.key(),
            "keys are taken literally; move the expression '" + key + "' into a value");
      }
      Template value = read(entry.value(), map.path(key), scope);
      if (value != null) {
        members.put(key, value);
      }
    }
    return violations.count() == before ? Template.object(members) : null;
  }

  private @Nullable Template array(SequenceNode sequence, String path, StepScope scope) {
    int before = violations.count();
    List<Template> elements = new ArrayList<>();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      Template element = read(items.get(i), YamlPath.index(path, i), scope);
      if (element != null) {
        elements.add(element);
      }
    }
    return violations.count() == before ? Template.array(elements) : null;
  }

  private @Nullable Template scalar(ScalarNode scalar, String path, StepScope scope) {
    JsonNode value = YamlJson.typed(scalar);
    if (value == null) {
      violations.add(path, scalar, "'" + scalar.getValue() + "' is not a number JSON can hold");
      return null;
    }
    if (!value.isString()) {
      return Template.literal(value);
    }
    return compiled(compiler.compile(value.stringValue(), scope), path, scalar);
  }

  /** Text that may interpolate expressions, whatever YAML type its scalar would have. */
  @Nullable Template text(ScalarNode scalar, String path, StepScope scope) {
    return compiled(compiler.compile(scalar.getValue(), scope), path, scalar);
  }

  private @Nullable Template compiled(Compilation compilation, String path, Node node) {
    return switch (compilation) {
      case Compilation.Compiled compiled -> compiled.template();
      case Compilation.Rejected rejected -> {
        rejected.problems().forEach(problem -> violations.add(path, node, problem));
        yield null;
      }
    };
  }
}
