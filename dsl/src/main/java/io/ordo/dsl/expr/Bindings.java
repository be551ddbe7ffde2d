package io.ordo.dsl.expr;

import java.util.Collections;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What an expression can see: {@code input}, {@code steps.<id>.output} (as {@code stepOutputs}),
 * {@code run} (id, workflow, version, startedAt), and the variables of where it is evaluated
 * ({@code locals}: the item of each enclosing {@code forEach} under its {@code as} name, {@code
 * error} in a {@code catch}).
 *
 * <p>{@code stepOutputs} is kept as given, not copied: a caller may pass a view that looks outputs
 * up only when an expression reads them, so that an expression's cost does not grow with the size
 * of the workflow. It must not change while an expression is evaluated.
 */
public record Bindings(
    JsonNode input, Map<String, JsonNode> stepOutputs, JsonNode run, Map<String, JsonNode> locals) {

  public Bindings(JsonNode input, Map<String, JsonNode> stepOutputs, JsonNode run) {
    this(input, stepOutputs, run, Map.of());
  }

  public Bindings {
    stepOutputs = Collections.unmodifiableMap(stepOutputs);
    locals = Map.copyOf(locals);
  }
}
