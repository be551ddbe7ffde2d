package io.ordo.dsl;

import io.ordo.dsl.expr.StepScope;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.Compensation;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import tools.jackson.databind.node.JsonNodeFactory;

/** Reads one step (a function call) and its compensation, applying timeout and retry defaults. */
final class StepReader {

  static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final Pattern FUNCTION = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private static final List<String> KEYS =
      List.of("id", "function", "input", "timeout", "retry", "compensate");
  private static final List<String> COMPENSATION_KEYS =
      List.of("function", "input", "timeout", "retry");

  /** Step kinds of the full DSL that this version cannot run yet. */
  private static final List<String> LATER_KINDS =
      List.of(
          "switch", "parallel", "forEach", "wait", "waitForSignal", "workflow", "fail", "succeed");

  private static final List<String> LATER_OPTIONS = List.of("if", "catch");
  private static final Template EMPTY_INPUT =
      Template.literal(JsonNodeFactory.instance.objectNode());

  private final Scalars scalars;
  private final Violations violations;
  private final TemplateReader templates;
  private final RetryReader retries;

  StepReader(
      Scalars scalars, Violations violations, TemplateReader templates, RetryReader retries) {
    this.scalars = scalars;
    this.violations = violations;
    this.templates = templates;
    this.retries = retries;
  }

  /**
   * @param stepIds every step's id in order (blank where unreadable), for expression scopes
   * @return the step, or null when something in it was reported
   */
  @Nullable FunctionStep read(
      Node node, String path, int index, List<String> stepIds, Defaults defaults) {
    YamlMap map = YamlMap.read(node, path, "each step", violations);
    if (map == null) {
      return null;
    }
    int before = violations.count();
    List<String> later = reportLaterFeatures(map);
    map.rejectUnknownKeys(KEYS, later);
    String id = id(map);
    if (!map.has("function") && later.stream().anyMatch(LATER_KINDS::contains)) {
      return null; // the step is of another kind; asking for a function would only confuse
    }
    String function = function(map);
    Template input = input(map, StepScope.before(stepIds, index));
    Duration timeout = timeout(map, defaults);
    RetryPolicy retry = retries.read(map.get("retry"), map.path("retry"), defaults.retry());
    Compensation compensation = compensation(map, StepScope.upTo(stepIds, index), defaults);
    if (violations.count() > before
        || id == null
        || function == null
        || input == null
        || timeout == null
        || retry == null) {
      return null;
    }
    return new FunctionStep(id, function, input, timeout, retry, compensation);
  }

  private List<String> reportLaterFeatures(YamlMap map) {
    List<String> later = new ArrayList<>();
    for (String key : map.keys()) {
      if (LATER_KINDS.contains(key)) {
        violations.add(
            map.path(key), map.keyNode(key), "step kind '" + key + "' is not supported yet");
        later.add(key);
      } else if (LATER_OPTIONS.contains(key)) {
        violations.add(
            map.path(key), map.keyNode(key), "'" + key + "' on a step is not supported yet");
        later.add(key);
      }
    }
    return later;
  }

  private @Nullable String id(YamlMap map) {
    Node id = map.require("id");
    return id == null
        ? null
        : scalars.matching(
            id, map.path("id"), ID, "letters, digits and '_', not starting with a digit");
  }

  private @Nullable String function(YamlMap map) {
    Node function = map.require("function");
    return function == null
        ? null
        : scalars.matching(
            function,
            map.path("function"),
            FUNCTION,
            "lowercase letters, digits, '.', '_' and '-', such as payments.validate");
  }

  private @Nullable Template input(YamlMap map, StepScope scope) {
    Node input = map.get("input");
    return input == null ? EMPTY_INPUT : templates.read(input, map.path("input"), scope);
  }

  private @Nullable Duration timeout(YamlMap map, Defaults defaults) {
    Node timeout = map.get("timeout");
    return timeout == null ? defaults.timeout() : scalars.duration(timeout, map.path("timeout"));
  }

  /** Null both when there is none and when it was reported; the violation count tells which. */
  private @Nullable Compensation compensation(YamlMap step, StepScope scope, Defaults defaults) {
    Node node = step.get("compensate");
    YamlMap map =
        node == null ? null : YamlMap.read(node, step.path("compensate"), "compensate", violations);
    if (map == null) {
      return null;
    }
    map.rejectUnknownKeys(COMPENSATION_KEYS);
    String function = function(map);
    Template input = input(map, scope);
    Duration timeout = timeout(map, defaults);
    RetryPolicy retry = retries.read(map.get("retry"), map.path("retry"), defaults.retry());
    if (function == null || input == null || timeout == null || retry == null) {
      return null;
    }
    return new Compensation(function, input, timeout, retry);
  }
}
