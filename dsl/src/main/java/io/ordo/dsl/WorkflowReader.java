package io.ordo.dsl;

import io.ordo.dsl.expr.ExpressionCompiler;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.InputSchema;
import io.ordo.dsl.model.RetryPolicy;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.WorkflowDefinition;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the top level of a definition. One instance per parse: it shares that parse's violations.
 */
final class WorkflowReader {

  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");
  private static final List<String> KEYS =
      List.of("name", "description", "input", "timeout", "defaults", "steps", "output");
  private static final List<String> DEFAULT_KEYS = List.of("timeout", "startTimeout", "retry");

  private final Violations violations;
  private final Scalars scalars;
  private final RetryReader retries;
  private final TemplateReader templates;

  WorkflowReader(ExpressionCompiler compiler, Violations violations) {
    this.violations = violations;
    this.scalars = new Scalars(violations);
    this.retries = new RetryReader(scalars, violations);
    this.templates = new TemplateReader(compiler, violations);
  }

  /** The definition, or null when anything was reported. */
  @Nullable WorkflowDefinition read(Node root) {
    YamlMap map = YamlMap.read(root, "", "a workflow definition", violations);
    if (map == null) {
      return null;
    }
    map.rejectUnknownKeys(KEYS);
    String name = name(map);
    String description = optional(map, "description", scalars::text);
    InputSchema inputSchema = new InputSchemaReader(violations).read(map.get("input"));
    Duration timeout = optional(map, "timeout", scalars::duration);
    Defaults defaults = defaults(map.get("defaults"));
    Node stepsNode = map.require("steps");
    StepOutline outline = StepOutline.of(stepsNode);
    ReadContext context =
        new ReadContext(violations, scalars, templates, retries, defaults, outline);
    List<Step> steps =
        stepsNode == null ? null : new StepsReader(context).readWorkflowSteps(stepsNode);
    Node outputNode = map.get("output");
    Template output =
        outputNode == null ? null : templates.read(outputNode, "output", Position.end(outline));
    if (!violations.isEmpty() || name == null || inputSchema == null || steps == null) {
      return null;
    }
    return new WorkflowDefinition(name, description, inputSchema, timeout, steps, output);
  }

  private @Nullable String name(YamlMap map) {
    Node name = map.require("name");
    return name == null
        ? null
        : scalars.matching(
            name,
            "name",
            NAME,
            "lowercase letters, digits, '.' and '-', such as order-fulfillment");
  }

  /** Falls back to the built-in defaults where these are broken, so steps still get checked. */
  private Defaults defaults(@Nullable Node node) {
    YamlMap map = node == null ? null : YamlMap.read(node, "defaults", "defaults", violations);
    if (map == null) {
      return Defaults.BUILT_IN;
    }
    map.rejectUnknownKeys(DEFAULT_KEYS);
    Node timeoutNode = map.get("timeout");
    Duration timeout =
        timeoutNode == null ? Defaults.TIMEOUT : scalars.duration(timeoutNode, map.path("timeout"));
    RetryPolicy retry = retries.read(map.get("retry"), map.path("retry"), RetryPolicy.DEFAULT);
    Duration startTimeout = optional(map, "startTimeout", scalars::duration);
    return new Defaults(
        timeout == null ? Defaults.TIMEOUT : timeout,
        retry == null ? RetryPolicy.DEFAULT : retry,
        startTimeout);
  }

  private <T> @Nullable T optional(YamlMap map, String key, Reader<T> reader) {
    Node node = map.get(key);
    return node == null ? null : reader.read(node, map.path(key));
  }

  @FunctionalInterface
  private interface Reader<T> {
    @Nullable T read(Node node, String path);
  }
}
