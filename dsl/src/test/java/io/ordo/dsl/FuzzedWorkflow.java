package io.ordo.dsl;

import static io.ordo.dsl.FuzzChoices.words;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.ArrayList;
import java.util.function.Supplier;

/**
 * Builds a workflow-shaped YAML document from fuzz data: mostly well-formed YAML with the DSL's
 * keys, every kind of step nested in every other, and {@code ${ … }} expressions, so that the
 * fuzzer spends its time in the validator's rules rather than in front of the YAML reader. Now and
 * then a value has the wrong shape or is raw fuzz text, because those are the inputs the rules must
 * reject.
 */
final class FuzzedWorkflow {

  private static final int MAX_DEPTH = 4;
  private static final int MAX_NODES = 60;
  private static final int MAX_EXPRESSIONS = 6;

  private static final String[] TOP_LEVEL_KEYS =
      words("description|input|timeout|defaults|output|version|steps|name");
  private static final String[] IDENTIFIERS =
      words("a|b|c|price|_x|item|error|input|steps|run|1bad|a-b|''|CardDeclined|Timeout|x.y");
  private static final String[] NAMES =
      words("hello|order-fulfillment|payout.v2|Bad Name|-x|shipping");
  private static final String[] FUNCTIONS = words("svc.one|greeter.say-hello|a|Bad Fn|x.");
  private static final String[] NUMBERS =
      words("1|0|-1|3|2.5|0.2|1e400|99999999999999999999|.inf|.nan|0x1F|true|null|~");
  private static final String[] DURATIONS =
      words("1s|500ms|1m30s|2d12h|1h|0s|10|-5s|1x|9999999999d|PT1S|2025-06-01T09:00:00Z");
  private static final String[] EXPRESSIONS =
      words(
          "input|input.orderId|input.items.map(i, i.sku)|steps.a.output|steps['b'].output.x"
              + "|has(steps.a.output.discount)|run.id|run.startedAt|item|item.qty > 1|error.type"
              + "|size(input.items) > 0 ? 'bulk' : 'retail'|{'k': [1, 2.5, null]}|\"} {\""
              + "|1 +|(||steps.c|undeclared|run.nope|1 / 0|'a' + 1|'2025-06-01T09:00:00Z'");
  private static final String[] SCHEMA_KEYS =
      words("type|properties|required|items|$schema|enum|minimum|pattern|format");
  private static final String[] SCHEMA_TYPES = words("object|string|integer|array|nope");
  private static final String[] SCHEMA_DRAFTS =
      words(
          "http://json-schema.org/draft-07/schema#|https://json-schema.org/draft/2020-12/schema"
              + "|http://example.com/unknown");
  private static final String[] RETRY_KEYS =
      words("maxAttempts|initialInterval|multiplier|maxInterval|jitter|nonRetryable");

  private enum Value {
    STEPS,
    CASES,
    BRANCHES,
    CATCHES,
    EXPRESSION,
    TEMPLATE,
    IDENTIFIER,
    FUNCTION,
    NUMBER,
    DURATION,
    ERROR_TYPES,
    RETRY,
    COMPENSATE,
    SCHEMA
  }

  private record Key(String name, Value value) {}

  /**
   * The step kinds: the value under the kind's own key, and the keys the kind takes. A step puts
   * those keys beside the kind's key or, half of the time, under it as a mapping: one is how the
   * DSL reads them (forEach's {@code as} beside it, fail's {@code error} under it), the other a
   * mistake it must report.
   */
  private enum Kind {
    FUNCTION("function", Value.FUNCTION, new Key("input", Value.TEMPLATE)),
    SWITCH("switch", Value.CASES, new Key("default", Value.STEPS)),
    PARALLEL("parallel", Value.BRANCHES),
    FOR_EACH(
        "forEach",
        Value.EXPRESSION,
        new Key("as", Value.IDENTIFIER),
        new Key("maxConcurrency", Value.NUMBER),
        new Key("steps", Value.STEPS)),
    WAIT("wait", Value.DURATION, new Key("until", Value.EXPRESSION)),
    WAIT_FOR_SIGNAL("waitForSignal", Value.IDENTIFIER),
    WORKFLOW(
        "workflow",
        Value.FUNCTION,
        new Key("version", Value.NUMBER),
        new Key("input", Value.TEMPLATE)),
    FAIL(
        "fail",
        Value.IDENTIFIER,
        new Key("error", Value.IDENTIFIER),
        new Key("message", Value.TEMPLATE)),
    SUCCEED("succeed", Value.TEMPLATE, new Key("output", Value.TEMPLATE));

    private final String key;
    private final Value value;
    private final Key[] keys;

    Kind(String key, Value value, Key... keys) {
      this.key = key;
      this.value = value;
      this.keys = keys;
    }
  }

  private static final Key[] STEP_OPTIONS = {
    new Key("if", Value.EXPRESSION),
    new Key("timeout", Value.DURATION),
    new Key("retry", Value.RETRY),
    new Key("catch", Value.CATCHES),
    new Key("compensate", Value.COMPENSATE),
    new Key("input", Value.TEMPLATE)
  };

  private final FuzzChoices choose;
  private int nodesLeft = MAX_NODES;
  private int expressionsLeft = MAX_EXPRESSIONS;

  private FuzzedWorkflow(FuzzedDataProvider data) {
    this.choose = new FuzzChoices(data);
  }

  static String from(FuzzedDataProvider data) {
    return new FuzzedWorkflow(data).document().toYaml();
  }

  private GeneratedYaml document() {
    GeneratedYaml.Mapping top = mapping();
    top.put("name", choose.oneIn(8) ? choose.raw() : choose.pick(NAMES));
    top.put("steps", steps(0));
    for (int extra = choose.below(4); extra > 0; extra--) {
      String key = choose.pick(TOP_LEVEL_KEYS);
      top.put(key, topLevelValue(key));
    }
    return top;
  }

  private GeneratedYaml topLevelValue(String key) {
    return switch (key) {
      case "input" -> mapping().put("schema", value(Value.SCHEMA, 1));
      case "timeout" -> value(Value.DURATION, 1);
      case "defaults" ->
          mapping().put("timeout", value(Value.DURATION, 1)).put("retry", value(Value.RETRY, 1));
      case "output" -> value(Value.TEMPLATE, 1);
      case "steps" -> steps(0);
      default -> scalar(choose.raw());
    };
  }

  private GeneratedYaml steps(int depth) {
    GeneratedYaml.Sequence steps = sequence();
    for (int count = choose.count(); count > 0 && nodesLeft > 0; count--) {
      steps.add(depth >= MAX_DEPTH ? functionStep() : step(depth));
    }
    return steps;
  }

  private GeneratedYaml functionStep() {
    return mapping().put("id", choose.pick(IDENTIFIERS)).put("function", choose.pick(FUNCTIONS));
  }

  private GeneratedYaml step(int depth) {
    GeneratedYaml.Mapping step = mapping();
    if (!choose.oneIn(10)) {
      step.put("id", choose.pick(IDENTIFIERS));
    }
    Kind kind = choose.pick(Kind.values());
    if (choose.flag()) {
      GeneratedYaml.Mapping body = mapping();
      keys(body, kind.keys, depth);
      step.put(kind.key, body);
    } else {
      step.put(kind.key, value(kind.value, depth));
      keys(step, kind.keys, depth);
    }
    for (int options = choose.below(3); options > 0; options--) {
      Key option = choose.pick(STEP_OPTIONS);
      step.put(option.name(), value(option.value(), depth));
    }
    if (choose.oneIn(16)) {
      step.put(
          choose.flag() ? choose.pick(Kind.values()).key : choose.raw(),
          value(Value.TEMPLATE, depth));
    }
    return step;
  }

  private void keys(GeneratedYaml.Mapping into, Key[] keys, int depth) {
    for (Key key : keys) {
      if (choose.flag()) {
        into.put(key.name(), value(key.value(), depth));
      }
    }
  }

  private GeneratedYaml value(Value value, int depth) {
    nodesLeft--;
    if (choose.oneIn(16)) {
      value = choose.pick(Value.values()); // the wrong shape, which the rules must reject
    }
    if (nodesLeft <= 0 || depth > MAX_DEPTH) {
      return scalar(choose.pick(NUMBERS));
    }
    return switch (value) {
      case STEPS -> steps(depth + 1);
      case CASES ->
          listOf(() -> mapping().put("when", expression()).put("steps", steps(depth + 1)));
      case BRANCHES -> listOf(() -> branch(depth));
      case CATCHES ->
          listOf(
              () ->
                  mapping()
                      .put("errors", value(Value.ERROR_TYPES, depth + 1))
                      .put("steps", steps(depth + 1)));
      case EXPRESSION -> expression();
      case TEMPLATE -> template(depth);
      case IDENTIFIER -> scalar(choose.pick(IDENTIFIERS));
      case FUNCTION -> scalar(choose.pick(FUNCTIONS));
      case NUMBER -> scalar(choose.pick(NUMBERS));
      case DURATION -> scalar(choose.pick(DURATIONS));
      case ERROR_TYPES -> listOf(() -> scalar(choose.pick(IDENTIFIERS)));
      case RETRY -> retry(depth);
      case COMPENSATE -> compensate(depth);
      case SCHEMA -> schema(depth);
    };
  }

  private GeneratedYaml branch(int depth) {
    if (choose.flag()) {
      return steps(depth + 1);
    }
    GeneratedYaml.Mapping branch = mapping();
    if (choose.flag()) {
      branch.put("name", choose.pick(NAMES));
    }
    return branch.put("steps", steps(depth + 1));
  }

  private GeneratedYaml template(int depth) {
    return switch (choose.below(5)) {
      case 0 -> expression();
      case 1 ->
          scalar(
              choose.quoted(
                  "Order " + expressionText() + " costs $${ x } and " + expressionText()));
      case 2 -> mapping().put(choose.pick(IDENTIFIERS), value(Value.TEMPLATE, depth + 1));
      case 3 -> listOf(() -> value(Value.TEMPLATE, depth + 1));
      default -> scalar(choose.flag() ? choose.pick(NUMBERS) : choose.raw());
    };
  }

  private GeneratedYaml retry(int depth) {
    GeneratedYaml.Mapping retry = mapping();
    for (int keys = choose.below(4); keys > 0; keys--) {
      String key = choose.pick(RETRY_KEYS);
      Value value =
          switch (key) {
            case "initialInterval", "maxInterval" -> Value.DURATION;
            case "nonRetryable" -> Value.ERROR_TYPES;
            default -> Value.NUMBER;
          };
      retry.put(key, value(value, depth + 1));
    }
    return retry;
  }

  private GeneratedYaml compensate(int depth) {
    GeneratedYaml.Mapping compensate = mapping().put("function", choose.pick(FUNCTIONS));
    for (Key option : STEP_OPTIONS) {
      if (choose.oneIn(4)) {
        compensate.put(option.name(), value(option.value(), depth + 1));
      }
    }
    return compensate;
  }

  private GeneratedYaml schema(int depth) {
    GeneratedYaml.Mapping schema = mapping();
    for (int keys = choose.below(4); keys > 0; keys--) {
      String key = choose.pick(SCHEMA_KEYS);
      GeneratedYaml value =
          switch (key) {
            case "type" -> scalar(choose.pick(SCHEMA_TYPES));
            case "$schema" -> scalar(choose.pick(SCHEMA_DRAFTS));
            case "properties" ->
                mapping().put(choose.pick(IDENTIFIERS), value(Value.SCHEMA, depth + 1));
            case "items" -> value(Value.SCHEMA, depth + 1);
            case "required", "enum" -> value(Value.ERROR_TYPES, depth + 1);
            case "minimum" -> scalar(choose.pick(NUMBERS));
            default -> scalar(choose.raw());
          };
      schema.put(key, value);
    }
    return schema;
  }

  private GeneratedYaml expression() {
    String expression = expressionText();
    return scalar(choose.oneIn(4) ? choose.quoted(expression) : expression);
  }

  /** An expression while the document has few: each costs the parser milliseconds to compile. */
  private String expressionText() {
    return expressionsLeft-- > 0 ? "${ " + choose.pick(EXPRESSIONS) + " }" : choose.pick(NUMBERS);
  }

  private GeneratedYaml listOf(Supplier<GeneratedYaml> element) {
    GeneratedYaml.Sequence list = sequence();
    for (int count = choose.count(); count > 0 && nodesLeft > 0; count--) {
      list.add(element.get());
    }
    return list;
  }

  private GeneratedYaml.Mapping mapping() {
    return new GeneratedYaml.Mapping(new ArrayList<>(), flow());
  }

  private GeneratedYaml.Sequence sequence() {
    return new GeneratedYaml.Sequence(new ArrayList<>(), flow());
  }

  private boolean flow() {
    return choose.oneIn(6);
  }

  private static GeneratedYaml scalar(String text) {
    return new GeneratedYaml.Scalar(text);
  }
}
