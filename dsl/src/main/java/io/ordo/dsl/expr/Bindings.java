package io.ordo.dsl.expr;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What an expression can see: {@code input}, {@code steps.<id>.output} (as {@code stepOutputs}) and
 * {@code run} (id, workflow, version, startedAt).
 */
public record Bindings(JsonNode input, Map<String, JsonNode> stepOutputs, JsonNode run) {

  public Bindings {
    stepOutputs = Map.copyOf(stepOutputs);
  }
}
