package io.ordo.dsl;

import io.ordo.dsl.expr.ExpressionCompiler;
import io.ordo.dsl.model.WorkflowDefinition;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns a workflow definition's YAML into a {@link WorkflowDefinition}, or into every violation it
 * holds. Never throws on bad input: a definition is user data, and its errors are values. Immutable
 * and safe to share between threads.
 */
public final class WorkflowParser {

  /**
   * Classpath location of the DSL's JSON Schema (draft 2020-12), for editors and the API to serve.
   */
  public static final String JSON_SCHEMA_RESOURCE = "/io/ordo/dsl/ordo-workflow.schema.json";

  private final ExpressionCompiler compiler = new ExpressionCompiler();

  public ParseResult parse(String yaml) {
    Violations violations = new Violations();
    WorkflowDefinition workflow = read(yaml, violations);
    if (!violations.isEmpty()) {
      return new ParseResult.Invalid(violations.inDocumentOrder());
    }
    if (workflow == null) {
      throw new IllegalStateException(
          "a definition was rejected without a violation: a parser bug");
    }
    return new ParseResult.Valid(workflow);
  }

  private @Nullable WorkflowDefinition read(String yaml, Violations violations) {
    Node root = YamlDocument.load(yaml, violations);
    if (root == null || !NodeBudget.withinLimits(root, violations)) {
      return null;
    }
    return new WorkflowReader(compiler, violations).read(root);
  }
}
